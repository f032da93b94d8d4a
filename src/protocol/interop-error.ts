/**
 * The error every failure becomes, on either side of the wire. No zod here: elements import it without carrying
 * the schemas (the wire forms are checked against it in `errors.ts`).
 */

/** The closed list of error codes an ack (or a connect error) can carry. */
export const ERROR_CODES = [
  'invalid_payload',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'too_large',
  'conflict',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
  code?: string | undefined;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[] | undefined;
}

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
    issues.length > 0 && issues.every((issue) => issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'array'));
  return tooLarge
    ? { code: 'too_large', message: `${what} is larger than allowed`, issues: mapped }
    : { code: 'invalid_payload', message: `${what} is not valid`, issues: mapped };
}

/** Every failure, on either side of the wire: a protocol error code, a message, and the parse issues if any. */
export class InteropError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'InteropError';
  }

  static from(body: ErrorBody): InteropError {
    return new InteropError(body.code, body.message, body.issues);
  }

  /** Whatever was thrown, as an InteropError (anything else is `internal`, with its text). */
  static of(error: unknown): InteropError {
    return error instanceof InteropError ? error : new InteropError('internal', String(error));
  }

  toJSON(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
