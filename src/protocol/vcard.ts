/**
 * vCard 4.0 (RFC 6350) for business cards. A small generator rather than a library: the kit needs to write one card
 * shape, and the rules that matter are few — escape text values (§3.4), fold lines at 75 octets without splitting a
 * UTF-8 character (§3.2), CRLF line ends, UTF-8 throughout. Its output is round-tripped through ical.js in the tests.
 */

export interface VCardInput {
  /** Formatted name (required by RFC 6350). */
  name: string;
  title?: string | null | undefined;
  organization?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  note?: string | null | undefined;
  photoUrl?: string | null | undefined;
  url?: string | null | undefined;
  /** A stable URI identifying the person, so re-importing updates the contact instead of duplicating it. */
  uid?: string | undefined;
}

const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * A TEXT value with backslash, comma and line breaks escaped (RFC 6350 §3.4). Semicolons must be escaped only in the
 * components of compound properties (ORG, N); elsewhere escaping them is optional and some parsers keep the backslash.
 */
export function escapeVCardText(value: string, compound = false): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
  return compound ? escaped.replace(/;/g, '\\;') : escaped;
}

/** Folds a content line into chunks of at most 75 octets, continuing with a space, never inside a UTF-8 sequence. */
export function foldVCardLine(line: string): string {
  const chunks: string[] = [];
  let chunk = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = chunks.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      chunks.push(chunk);
      chunk = '';
      octets = 0;
    }
    chunk += char;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.join('\r\n ');
}

/** A phone number as a `tel:` URI (RFC 3966): spaces and dots become the visual separator `-`. */
function telUri(phone: string): string {
  return `tel:${phone
    .trim()
    .replace(/[\s.()]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

export function toVCard(card: VCardInput): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeVCardText(card.name)}`];
  if (card.organization) lines.push(`ORG:${escapeVCardText(card.organization, true)}`);
  if (card.title) lines.push(`TITLE:${escapeVCardText(card.title)}`);
  if (card.phone) lines.push(`TEL;VALUE=uri;TYPE="work,voice":${telUri(card.phone)}`);
  if (card.email) lines.push(`EMAIL;TYPE=work:${escapeVCardText(card.email)}`);
  if (card.photoUrl) lines.push(`PHOTO:${card.photoUrl}`);
  if (card.url) lines.push(`URL:${card.url}`);
  if (card.note) lines.push(`NOTE:${escapeVCardText(card.note)}`);
  if (card.uid) lines.push(`UID:${card.uid}`);
  lines.push('END:VCARD');
  return `${lines.map(foldVCardLine).join('\r\n')}\r\n`;
}
