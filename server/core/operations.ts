import type * as z from 'zod/mini';
import type { clientEvents, ClientEventName, ClientEventResult, InteropError } from '@interop-kit/elements/protocol';
import type { AuthSession } from '../auth/session.js';

/**
 * The connection an operation came by, as far as the domain needs to know it: the same object for every call made
 * over it (the gateway passes the socket), with an opaque id (the socket's). A socket's sends keep their order per connection; presence is per connection; typing
 * is not echoed back to it. Nothing here is socket.io's.
 */
export interface Connection {
  readonly id: string;
}

/** One operation of the protocol's table, on parsed input, for a caller the gateway has authenticated and authorized. */
export type Operation<E extends ClientEventName> = (
  payload: z.output<(typeof clientEvents)[E]['payload']>,
  session: AuthSession,
  connection: Connection,
  /**
   * A limit the way in counted with the event and found spent, handed on rather than answered when the operation may
   * still answer (a retry of a message already stored gets it back); an operation that does not look at it must not
   * be given one.
   */
  spent?: InteropError,
) => Promise<ClientEventResult<E>>;

/** Every operation a client may ask for by name: what the socket gateway (and any other way in) dispatches to. */
export type Operations = { [E in ClientEventName]: Operation<E> };
