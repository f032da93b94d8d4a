import { InteropError } from '../protocol/interop-error.js';
import { parseFailure, type IssueLike } from '../protocol/parse-failure.js';

export { InteropError };

/** Errors worth retrying as they are: the network or the server may be back later. */
export const isTransient = (error: InteropError) => error.code === 'unavailable' || error.code === 'rate_limited';

export function issuesError(issues: readonly IssueLike[], what: string): InteropError {
  return InteropError.from(parseFailure(issues, what));
}
