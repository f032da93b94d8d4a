import { InteropError } from '@interop-kit/elements/protocol';

/**
 * Whether a browser Origin may use a corp. A request without Origin comes from a non-browser client (a company's
 * own backend), which the token alone authenticates; a page served by this backend itself is always allowed.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
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

/**
 * The refusal of a page whose origin the corp does not allow, worded for the developer who embedded the element:
 * what was refused, and who can allow it.
 */
export function originRefused(corpId: string, origin: string | undefined): InteropError {
  return new InteropError(
    'forbidden',
    `Pages on ${origin} may not use ${corpId}: an admin of ${corpId} must allow this origin (the workbench's settings, or npm run admin -- corp origin add ${corpId} ${origin})`,
    { reason: 'origin_not_allowed' },
  );
}
