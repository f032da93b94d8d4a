import type { ConnectionStatus, InteropClientEvents } from './client-options.js';
import type { Emitter } from './emitter.js';
import { InteropError } from './interop-error.js';

/** What waiting for a connection reads of a client: its status, why it last failed, and its status events. */
interface Connectable extends Pick<Emitter<InteropClientEvents>, 'on'> {
  readonly status: ConnectionStatus;
  readonly lastError: InteropError | undefined;
  connect(): void;
}

/**
 * Resolves once `client` is online; rejects at once when it is closed or refused for good (a bad token, a forbidden
 * origin: waiting would change nothing), and with `unavailable` after `timeoutMs`.
 */
export function onceOnline(client: Connectable, timeoutMs: number): Promise<void> {
  if (client.status === 'online') return Promise.resolve();
  if (client.status === 'closed') return Promise.reject(new InteropError('unavailable', 'The connection is closed'));
  if (client.status === 'error')
    return Promise.reject(client.lastError ?? new InteropError('unavailable', 'The connection failed'));
  if (client.status === 'idle') client.connect();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      const refusal = client.lastError?.code === 'forbidden' ? client.lastError : undefined;
      reject(refusal ?? new InteropError('unavailable', 'The interop service is not reachable'));
    }, timeoutMs);
    const off = client.on('status', (status) => {
      if (status === 'online') {
        clearTimeout(timer);
        off();
        resolve();
      } else if (status === 'closed' || status === 'error') {
        clearTimeout(timer);
        off();
        reject(client.lastError ?? new InteropError('unavailable', 'The connection was closed'));
      }
    });
  });
}
