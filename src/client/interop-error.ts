import { parseFailure, type ErrorBody, type ErrorCode, type ErrorIssue, type IssueLike } from '../protocol/index.js';

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

export function issuesError(issues: readonly IssueLike[], what: string): InteropError {
  return InteropError.from(parseFailure(issues, what));
}
