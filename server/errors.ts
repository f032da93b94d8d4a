import {
  InteropError,
  parseFailure,
  type ErrorBody,
  type ErrorCode,
  type IssueLike,
} from '@interop-kit/elements/protocol';

/** A failed parse as a typed error (see `parseFailure` for how too_large is told apart). */
export function payloadError(issues: readonly IssueLike[], what = 'The payload'): InteropError {
  return InteropError.from(parseFailure(issues, what));
}

/** The wire form of any error: an `InteropError` as it is, anything unexpected as `internal` (and logged). */
export function toErrorBody(error: unknown, log: (error: unknown) => void): ErrorBody {
  if (error instanceof InteropError) return error.toJSON();
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
