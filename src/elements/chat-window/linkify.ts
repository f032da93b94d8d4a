/** A run of message text: plain, or a link whose href is known to be http(s), mailto or tel. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

// Candidates only; each is then checked with the URL parser and the scheme allowlist.
const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:|www\.)[^\s<>"]+/gi;
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const TRAILING_PUNCTUATION = /[.,;:!?'"*_~\]}>…。，；：！？」』）]+$/u;

/** Drops sentence punctuation after a link, and a closing parenthesis that the link did not open. */
function trimCandidate(candidate: string): string {
  let text = candidate.replace(TRAILING_PUNCTUATION, '');
  while (text.endsWith(')') && (text.match(/\(/g)?.length ?? 0) < (text.match(/\)/g)?.length ?? 0)) {
    text = text.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return text;
}

function safeHref(text: string): string | undefined {
  const candidate = /^www\./i.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(candidate);
    if (!SAFE_SCHEMES.has(url.protocol)) return undefined;
    if (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.hostname.includes('.') &&
      url.hostname !== 'localhost'
    )
      return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * Splits message text into plain runs and safe links. Nothing here produces markup: the caller renders each part as
 * text or as an anchor with a checked href, so no message can inject HTML or a `javascript:` URL.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
