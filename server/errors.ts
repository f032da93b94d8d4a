import { parseFailure, type ErrorBody, type ErrorCode, type ErrorIssue, type IssueLike } from '../src/protocol/index.js';

/** An expected failure with a protocol error code; anything else thrown becomes `internal`. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** A failed parse as a typed error (see `parseFailure` for how too_large is told apart). */
export function payloadError(issues: readonly IssueLike[], what = 'The payload'): ServiceError {
  const body = parseFailure(issues, what);
  return new ServiceError(body.code, body.message, body.issues);
}

export function toErrorBody(error: unknown, log: (error: unknown) => void): ErrorBody {
  if (error instanceof ServiceError) {
    return error.issues ? { code: error.code, message: error.message, issues: error.issues } : { code: error.code, message: error.message };
  }
  log(error);
  return { code: 'internal', message: 'Internal server error' };
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_payload: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};
