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

/** Why, where a code alone does not tell a page what to do: `origin_not_allowed` — the company must allow this page's origin. */
export const ERROR_REASONS = ['origin_not_allowed'] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
  code?: string | undefined;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[] | undefined;
  reason?: ErrorReason | undefined;
  /** With `rate_limited`: how long to wait before the next attempt can succeed. */
  retryAfterMs?: number | undefined;
}

/** Every failure, on either side of the wire: a protocol error code, a message, and the parse issues if any. */
export class InteropError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly reason?: ErrorReason,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'InteropError';
  }

  static from(body: ErrorBody): InteropError {
    return new InteropError(body.code, body.message, body.issues, body.reason, body.retryAfterMs);
  }

  /** Whatever was thrown, as an InteropError (anything else is `internal`, with its text). */
  static of(error: unknown): InteropError {
    return error instanceof InteropError ? error : new InteropError('internal', String(error));
  }

  toJSON(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}
