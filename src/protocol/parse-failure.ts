// No zod here (the issues are structural), and not in interop-error.ts: elements import that without needing this.
import type { ErrorBody } from './interop-error.js';

/** The parts of a zod issue the wire carries (structural, so both zod flavours and plain objects fit). */
export interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
}

/**
 * A failed parse as an error body. When every issue is an over-long string or array, the payload was well formed but
 * too big (`too_large`), which senders deserve to tell apart from garbage (`invalid_payload`).
 */
export function parseFailure(issues: readonly IssueLike[], what: string): ErrorBody {
  const mapped = issues.map((issue) => ({
    code: issue.code,
    message: issue.message,
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
  }));
  const tooLarge =
    issues.length > 0 &&
    issues.every((issue) => issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array'));
  return tooLarge
    ? { code: 'too_large', message: `${what} is larger than allowed`, issues: mapped }
    : { code: 'invalid_payload', message: `${what} is not valid`, issues: mapped };
}
