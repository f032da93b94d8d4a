import type { ErrorBody, ErrorCode, ErrorIssue } from '../src/protocol/index.js';

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

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

/**
 * A failed parse as a typed error. When every issue is an over-long value the payload was well formed but too big,
 * which callers deserve to tell apart from garbage.
 */
export function payloadError(issues: readonly ZodLikeIssue[], what = 'payload'): ServiceError {
  const mapped = issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
    code: issue.code,
  }));
  const tooLarge = mapped.length > 0 && mapped.every((issue) => issue.code === 'too_big');
  return tooLarge
    ? new ServiceError('too_large', `The ${what} is larger than allowed`, mapped)
    : new ServiceError('invalid_payload', `The ${what} is not valid`, mapped);
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
