import type { Server, Socket } from 'socket.io';
import {
  InteropError,
  unsafeText,
  clientEvents,
  type Ack,
  type CallerRole,
  type ClientEventName,
  type ClientEventResult,
  type ErrorBody,
} from '@interop-kit/elements/protocol';
import type { Operation, Operations } from '../core/operations.js';
import type { CorpStore } from '../corps/store.js';
import { payloadError, toErrorBody } from '../errors.js';
import { rooms } from './rooms.js';
import type { Forwarded } from '../http/forwarded.js';
import { UUID } from '../auth/ownership.js';
import { authenticate, personKey, type AuthSession } from '../auth/session.js';
import { LimitRefusal, type Limits, type RateName } from '../limits/limits.js';
import { withLogContext } from '../ops/log.js';

export interface GatewayOptions {
  tokenSecret: string;
  /** What a trusted proxy in front says about the handshake (TRUST_PROXY). */
  forwarded: Forwarded;
  corps: CorpStore;
  operations: Operations;
  /** Sockets per person and per address, events and messages per person. */
  limits: Limits;
  log: (message: string, error?: unknown) => void;
  /** Runs once per authenticated socket, after it joined its rooms; what it returns runs when the socket goes. */
  onConnection?: (socket: Socket, session: AuthSession) => (() => void) | undefined;
  /** Each event answered: its name (or "unknown"), "ok" or the error code, and the seconds until the ack. */
  onAnswered?: (event: string, outcome: string, seconds: number) => void;
}

export interface Gateway {
  /** Resolves once no event is being handled (at most `timeoutMs` later): a stopping node finishes its acks. */
  settled(timeoutMs: number): Promise<void>;
}

/** A connect error the client can read: socket.io hands `data` to the client's `connect_error` listener. */
function connectError(error: InteropError): Error & { data: ErrorBody } {
  return Object.assign(new Error(error.message), { data: error.toJSON() });
}

export function attachGateway(io: Server, options: GatewayOptions): Gateway {
  let handling = 0;
  let whenSettled: (() => void) | undefined;
  let eventCount = 0;
  io.use((socket, next) => {
    const { request } = socket;
    const headers = { origin: request.headers.origin, host: options.forwarded.host(request) };
    authenticate(socket.handshake.auth, headers, options.tokenSecret, options.corps)
      .then(async (session) => {
        const release = await options.limits.holdSocket(
          socket.id,
          personKey(session),
          options.forwarded.address(request),
        );
        // The slot goes with the socket, or with its transport should that close before the socket ever connects.
        if (socket.conn.readyState === 'closed') return release();
        socket.conn.once('close', release);
        socket.once('disconnect', release);
        socket.data.session = { ...session, publicBase: options.forwarded.publicBase(request) };
      })
      .then(
        () => next(),
        (error: unknown) => {
          if (error instanceof InteropError) return next(connectError(error));
          options.log('handshake failed', error);
          next(connectError(new InteropError('unavailable', 'The service could not check this session')));
        },
      );
  });

  io.on('connection', (socket) => {
    const session = socket.data.session as AuthSession;
    void socket.join(
      session.kind === 'visitor'
        ? [rooms.customer(session.id), rooms.visitors(session.corp.id)]
        : [rooms.staff(session.corp.id), rooms.employee(session.corp.id, session.id)],
    );
    const disconnected = options.onConnection?.(socket, session);
    if (disconnected) socket.on('disconnect', disconnected);

    // A token is short-lived: when it runs out, the socket goes and the client reconnects with a fresh one.
    const expiry = setTimeout(
      () => {
        socket.emit('session:expired', {});
        socket.disconnect(true);
      },
      Math.max(0, Math.min(session.expiresAt.getTime() - Date.now(), 2 ** 31 - 1)),
    );
    socket.on('disconnect', () => clearTimeout(expiry));

    const person = personKey(session);
    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last !== 'function') return; // every event of the protocol carries an ack; anything else is noise
      const known = Object.hasOwn(clientEvents, event);
      const started = performance.now();
      handling += 1;
      const reply = (response: Ack<unknown>) => {
        handling -= 1;
        if (handling === 0) whenSettled?.();
        options.onAnswered?.(
          known ? event : 'unknown',
          response.ok ? 'ok' : response.error.code,
          (performance.now() - started) / 1000,
        );
        (last as (response: Ack<unknown>) => void)(response);
      };
      // Whatever this event logs, however deep, names it.
      const context = {
        eventId: `${socket.id}.${(eventCount += 1)}`,
        event: known ? event : 'unknown',
        socketId: socket.id,
      };
      withLogContext(context, () => {
        const fail = (error: unknown) =>
          reply({ ok: false, error: toErrorBody(error, (cause) => options.log('handler failed', cause)) });
        // Every event counts against the person, whichever of their sockets (on whichever node) it came by; a message
        // also against their messages and its conversation's (however many write there), all in one round trip.
        const sending = event === 'message:send';
        const allowed = options.limits.takeAll(
          sending ? messageAllowances(person, session.corp.id, args[0]) : [['events', person]],
        );
        allowed
          .then(
            () => undefined,
            // A conversation's spent allowance is the message operation's to answer: a retry of one already stored
            // gets it back. The sender's own limits are answered here, before any work.
            (refusal: unknown) => {
              if (sending && refusal instanceof LimitRefusal && refusal.limit === 'conversationMessages')
                return refusal;
              throw refusal;
            },
          )
          .then((spent) => {
            if (!known) throw new InteropError('not_found', `Unknown event ${event}`);
            const payload = args.length > 1 ? args[0] : undefined;
            return handle(event as ClientEventName, payload, session, socket, options, spent);
          })
          .then((data) => reply({ ok: true, data }), fail);
      });
    });
  });

  return {
    async settled(timeoutMs) {
      if (handling === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        whenSettled = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}

/**
 * Refuses a caller the protocol table does not name for `event`. Roles can change while a socket is open, so an
 * admin-only event reads the employee's role afresh.
 */
async function authorize(event: ClientEventName, session: AuthSession, corps: CorpStore): Promise<void> {
  const callers: readonly CallerRole[] = clientEvents[event].callers;
  if (session.kind === 'visitor') {
    if (!callers.includes('visitor')) throw new InteropError('forbidden', `${event} is for employees`);
    return;
  }
  if (callers.includes('employee')) return;
  if (callers.includes('admin')) {
    const employee = await corps.getEmployee(session.corp.id, session.id);
    if (employee?.role !== 'admin') throw new InteropError('forbidden', `${event} is for admins`);
    return;
  }
  throw new InteropError('forbidden', `${event} is for customers`);
}

async function handle<E extends ClientEventName>(
  event: E,
  payload: unknown,
  session: AuthSession,
  socket: Socket,
  options: GatewayOptions,
  spent?: InteropError,
): Promise<ClientEventResult<E>> {
  await authorize(event, session, options.corps);
  const unsafe = unsafeText(payload);
  if (unsafe) throw payloadError([unsafe]);
  const parsed = clientEvents[event].payload.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) throw payloadError(parsed.error.issues);
  const operation = options.operations[event] as Operation<E>;
  return operation(parsed.data as Parameters<Operation<E>>[0], session, socket, spent);
}

/**
 * What a `message:send` counts against: its person's events and messages, and its conversation's allowance. The
 * conversation is the one the payload names (the handler then checks the sender may write there); one that is not an
 * id counts nothing, as the handler refuses it.
 */
function messageAllowances(person: string, corpId: string, payload: unknown): Array<[RateName, string]> {
  const allowances: Array<[RateName, string]> = [
    ['events', person],
    ['messages', person],
  ];
  const conversationId = (payload as { conversationId?: unknown } | undefined)?.conversationId;
  if (typeof conversationId === 'string' && UUID.test(conversationId))
    allowances.push(['conversationMessages', `${corpId}:${conversationId.toLowerCase()}`]);
  return allowances;
}
