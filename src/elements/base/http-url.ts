/**
 * `path` resolved against `base` if it is an http(s) URL, else undefined: the one check every link, image and
 * download a backend or a message hands us goes through (no `javascript:`, `data:` or other schemes reach the DOM).
 */
export function httpUrl(path: string | null | undefined, base: string): string | undefined {
  if (!path) return undefined;
  try {
    const url = new URL(path, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
