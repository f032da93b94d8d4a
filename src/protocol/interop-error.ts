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
