import type { ErrorBody, ErrorCode, ErrorIssue } from '../protocol/index.js';

/** Every failure the client reports: a protocol error code, a message, and the parse issues when there are any. */
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

  toJSON(): ErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** Errors worth retrying as they are: the network or the server may be back later. */
export const isTransient = (error: InteropError) => error.code === 'unavailable' || error.code === 'rate_limited';

export function issuesError(issues: readonly { code: string; path: PropertyKey[]; message: string }[], what: string): InteropError {
  const mapped = issues.map((issue) => ({
    code: issue.code,
    message: issue.message,
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
  }));
  const tooLarge = mapped.length > 0 && mapped.every((issue) => issue.code === 'too_big');
  return new InteropError(tooLarge ? 'too_large' : 'invalid_payload', tooLarge ? `${what} is too large` : `${what} is not valid`, mapped);
}
