import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

/** What a log line is about: the HTTP request or socket event being handled, carried through its async work. */
export interface LogContext {
  requestId?: string;
  eventId?: string;
  event?: string;
  socketId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** The request or event being handled now, if any. */
export const currentLogContext = (): LogContext | undefined => context.getStore();

/** Runs `work` so that every line logged from it, however deep, names `fields`. */
export const withLogContext = <T>(fields: LogContext, work: () => T): T => context.run(fields, work);

/** The backend's logger: JSON lines (pino), each with the node and, within a request or event, its id. */
export function createLogger(nodeId: string, destination?: DestinationStream): Logger {
  return pino({ base: { node: nodeId }, mixin: () => ({ ...context.getStore() }) }, destination);
}

/** The `(message, error?)` function the backend's parts log through: errors as `error` lines, the rest `info`. */
export function logFunction(logger: Logger): (message: string, error?: unknown) => void {
  return (message, error) => {
    if (error === undefined || error === '') logger.info(message);
    else logger.error({ err: error }, message);
  };
}
