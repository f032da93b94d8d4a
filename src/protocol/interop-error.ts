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
/**
 * Why, where a code alone does not say: `origin_not_allowed` (the page's origin is not the company's),
 * `transfer_limit` (the customer changed hands as often as the company allows in its period), `transfer_waiting`
 * (a transfer of the customer already waits for their answer).
 */
export const ERROR_REASONS = ['origin_not_allowed', 'transfer_limit', 'transfer_waiting'] as const;
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

/** What an error body may carry besides its code and message. */
export type ErrorDetails = Omit<ErrorBody, 'code' | 'message'>;

/** Every failure, on either side of the wire: a protocol error code, a message, and details (parse issues, a reason, a retry-after). */
export class InteropError extends Error {
  declare readonly issues?: ErrorIssue[];
  declare readonly reason?: ErrorReason;
  declare readonly retryAfterMs?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Only the details that are there: they are the wire form's, as they are. */
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'InteropError';
    Object.assign(this, details);
  }

  static from({ code, message, ...details }: ErrorBody): InteropError {
    return new InteropError(code, message, details);
  }

  /** Whatever was thrown, as an InteropError (anything else is `internal`, with its text). */
  static of(error: unknown): InteropError {
    return error instanceof InteropError ? error : new InteropError('internal', String(error));
  }

  toJSON(): ErrorBody {
    return { code: this.code, message: this.message, ...this.details };
  }
}
