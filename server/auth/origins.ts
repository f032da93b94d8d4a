/**
 * Whether a browser Origin may use a corp. A request without Origin comes from a non-browser client (a company's
 * own backend), which the token alone authenticates; a page served by this backend itself is always allowed.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host) return true;
  return allowed.includes(parsed.origin);
}
