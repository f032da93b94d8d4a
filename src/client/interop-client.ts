import { io, type Socket } from 'socket.io-client';
import {
  ackSchema,
  clientEvents,
  errorBodySchema,
  serverEvents,
  unsafeText,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResult,
  type OutgoingContent,
  type ServerEventPayload,
  type Session,
  type UploadResult,
} from '../protocol/index.js';
import { Emitter } from './emitter.js';
import { InteropError, isTransient, issuesError } from './interop-error.js';
import { onceOnline } from './once-online.js';
import { uploadFile, type UploadOptions } from './upload.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { PendingPurchases } from './pending-purchases.js';
import { defaultStorage, type KeyValueStorage } from './storage.js';
import {
  socketTarget,
  type ConnectionStatus,
  type InteropClientEvents,
  type InteropClientOptions,
} from './client-options.js';

export type { ConnectionStatus, InteropClientEvents, InteropClientOptions } from './client-options.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TOKEN_REFRESHES = 3;

/**
 * One connection to an interop backend: typed requests with acks and timeouts, live events, a persistent outbox
 * that delivers every message exactly once, and token refresh. No DOM; elements and host code share it.
 */
export class InteropClient extends Emitter<InteropClientEvents> {
  readonly endpoint: string;
  readonly corp: string;
  /** The backend's base URL, for HTTP calls next to the socket. */
  readonly baseUrl: string;
  readonly outbox: Outbox;
  /** Where this client keeps what must survive a reload (the outbox, pending purchases). */
  readonly storage: KeyValueStorage;
  /** The idempotency keys of purchases not finished yet (the pay button's), kept beside the outbox. */
  readonly purchases: PendingPurchases;

  #socket: Socket;
  #status: ConnectionStatus = 'idle';
  #lastError: InteropError | undefined;
  #token: string | undefined;
  #tokenProvider: (() => Promise<string>) | undefined;
  #tokenRefreshes = 0;
  /** Why the token provider failed on the last attempt, which explains the refusal that follows. */
  #tokenProviderError: InteropError | undefined;
  #timeoutMs: number;
  #session: Promise<Session> | undefined;
  /** Who this client's session is (`<kind>:<id>`), once the server said: the outbox entries that are its own. */
  #author: string | undefined;
  #flushing: Promise<void> | undefined;
  #flushAgain = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: InteropClientOptions) {
    super();
    this.endpoint = options.endpoint;
    this.corp = options.corp;
    this.#token = options.token;
    this.#tokenProvider = options.tokenProvider;
    this.#timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const target = socketTarget(options.endpoint);
    this.baseUrl = target.base;
    this.storage = options.storage ?? defaultStorage();
    this.outbox = new Outbox(this.storage, `ix-outbox:${target.base}:${options.corp}`);
    this.purchases = new PendingPurchases(this.storage, `ix-pay:${target.base}:${options.corp}`);

    this.#socket = io(target.origin, {
      path: target.path,
      autoConnect: false,
      // socket.io-client shares one socket per URL by default, auth included: two clients of one backend (two
      // providers, a launcher and a workbench, a client reopened after close) would talk as whoever came first.
      forceNew: true,
      // WebSocket first: one connection, which any node behind a plain load balancer can hold. Long-polling (several
      // requests that must reach the same node: sticky sessions) only where a network refuses WebSockets.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // socket.io calls this on every connection attempt, so a refreshed token is picked up by the next one.
      auth: (done) => {
        this.#currentToken().then(
          (token) => done({ token, corp: this.corp }),
          (error: unknown) => {
            this.#tokenProviderError =
              error instanceof InteropError ? error : new InteropError('unavailable', 'Could not get a session token');
            done({ token: '', corp: this.corp });
          },
        );
      },
    });
    this.#wireSocket();
    // Another tab of this visitor changed the shared outbox: re-render what is pending here too.
    globalThis.addEventListener?.('storage', this.#onStorage);
  }

  #onStorage = (event: StorageEvent) => {
    if (this.outbox.changedElsewhere(event.key)) this.#outboxChanged();
  };

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Why the client is in `error` (or last went offline), if it knows. */
  get lastError(): InteropError | undefined {
    return this.#lastError;
  }

  /** Opens the connection; safe to call again. Never throws: progress and failures arrive as `status` events. */
  connect(): void {
    if (this.#status === 'online' || this.#status === 'connecting') return;
    this.#setStatus('connecting');
    this.#socket.connect();
  }

  /** Closes the connection for good (until `connect()`); queued messages stay in the outbox. */
  close(): void {
    clearTimeout(this.#reconnectTimer);
    globalThis.removeEventListener?.('storage', this.#onStorage);
    this.#socket.disconnect();
    this.#setStatus('closed');
  }

  /** Who this client is, as the server established it from the token. */
  session(): Promise<Session> {
    this.#session ??= this.request('session:get', {}).then(
      (session) => {
        const author = `${session.kind}:${session.id}`;
        if (author !== this.#author) {
          this.#author = author;
          this.#outboxChanged();
        }
        return session;
      },
      (error: unknown) => {
        this.#session = undefined;
        throw error;
      },
    );
    return this.#session;
  }

  /** Resolves once online, or rejects with `unavailable` after the request timeout. */
  whenOnline(timeoutMs = this.#timeoutMs): Promise<void> {
    return onceOnline(this, timeoutMs);
  }

  /**
   * A typed request: validates the payload here, waits for the connection, and parses the ack. An idempotent event
   * whose connection dropped before the answer is sent again once the connection is back, within the same timeout.
   */
  async request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventResult<E>> {
    const spec = clientEvents[event];
    const unsafe = unsafeText(payload);
    if (unsafe) throw issuesError([unsafe], `The ${event} payload`);
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) throw issuesError(parsed.error.issues, `The ${event} payload`);
    const deadline = Date.now() + this.#timeoutMs;
    const remaining = () => Math.max(1, deadline - Date.now());
    let raw: unknown;
    for (;;) {
      await this.whenOnline(remaining());
      try {
        raw = await this.#socket.timeout(remaining()).emitWithAck(event, parsed.data);
        break;
      } catch {
        const dropped = !this.#socket.connected && this.#status !== 'closed';
        if (!(dropped && 'idempotent' in spec && Date.now() < deadline)) {
          throw new InteropError('unavailable', `No answer to ${event} in time`);
        }
      }
    }
    const ack = ackSchema(spec.result).safeParse(raw);
    if (!ack.success) throw new InteropError('internal', `The server's answer to ${event} is malformed`);
    if (!ack.data.ok) throw InteropError.from(ack.data.error);
    return ack.data.data as ClientEventResult<E>;
  }

  /**
   * Queues a message and delivers it: kept in the outbox until the server acknowledges it, retried on reconnect,
   * stored once whatever happens (the server dedupes by clientId).
   */
  send(conversationId: string, content: OutgoingContent): OutboxEntry {
    const unsafe = unsafeText(content);
    if (unsafe) throw issuesError([unsafe], 'The message');
    const check = clientEvents['message:send'].payload.safeParse({
      conversationId,
      clientId: crypto.randomUUID(),
      content,
    });
    if (!check.success) throw issuesError(check.error.issues, 'The message');
    const entry = this.outbox.add(conversationId, content, this.#author);
    this.#outboxChanged();
    void this.flush();
    return entry;
  }

  /**
   * Uploads a file for a conversation over HTTP (with progress, which socket.io does not give), authenticated with the
   * session token. The server checks type and size; send the result with `send()` as an `image` or `file` message.
   */
  async upload(file: Blob, name: string, options: UploadOptions = {}): Promise<UploadResult> {
    return uploadFile(
      `${this.baseUrl}/api/corps/${encodeURIComponent(this.corp)}/uploads`,
      await this.#currentToken(),
      file,
      name,
      options,
    );
  }

  /**
   * The outbox entries this session wrote (and those written before any session was known, which the first session
   * to deliver them claims); another session's entries in the same browser are neither shown nor sent here.
   */
  pending(): OutboxEntry[] {
    return this.outbox.entries().filter((entry) => entry.author === undefined || entry.author === this.#author);
  }

  /** Sends a failed message again, with its original clientId. */
  retry(clientId: string): void {
    this.outbox.update(clientId, { state: 'sending' });
    this.#outboxChanged();
    void this.flush();
  }

  /** Gives up on a message that has not been delivered. */
  discard(clientId: string): void {
    this.outbox.remove(clientId);
    this.#outboxChanged();
  }

  /** Delivers queued messages in order, one at a time (so their seqs keep the order they were written in). */
  flush(): Promise<void> {
    if (this.#flushing) {
      // A pass that already looked for its last entry would miss one queued now (sent from an ack's listener, say).
      this.#flushAgain = true;
      return this.#flushing;
    }
    this.#flushing = this.#flushOutbox().finally(() => {
      this.#flushing = undefined;
      if (!this.#flushAgain) return;
      this.#flushAgain = false;
      void this.flush();
    });
    return this.#flushing;
  }

  async #flushOutbox(): Promise<void> {
    if (this.#status !== 'online') return;
    for (;;) {
      if (!this.#author) {
        try {
          await this.session();
        } catch {
          return; // not online after all; the next connect flushes again
        }
      }
      const next = this.pending().find((entry) => entry.state === 'sending');
      if (!next) return;
      if (next.author === undefined) this.outbox.update(next.clientId, { state: 'sending', author: this.#author! });
      try {
        const { message } = await this.request('message:send', {
          conversationId: next.conversationId,
          clientId: next.clientId,
          content: next.content,
        });
        this.outbox.remove(next.clientId);
        this.emit('message', message);
        this.#outboxChanged();
      } catch (error) {
        const failure = InteropError.of(error);
        if (isTransient(failure)) {
          // Stays queued; the next reconnect (or a backoff for rate limits) flushes again.
          if (failure.code === 'rate_limited') setTimeout(() => void this.flush(), failure.retryAfterMs ?? 1000);
          return;
        }
        this.outbox.update(next.clientId, { state: 'failed', error: failure.toJSON() });
        this.#outboxChanged();
      }
    }
  }

  #outboxChanged() {
    this.emit('outbox', this.pending());
  }

  async #currentToken(): Promise<string> {
    if (this.#token) return this.#token;
    if (!this.#tokenProvider) throw new InteropError('unauthorized', 'No session token and no token provider');
    const token = await this.#tokenProvider();
    this.#token = token;
    return token;
  }

  #setStatus(status: ConnectionStatus) {
    if (status === this.#status) return;
    this.#status = status;
    this.emit('status', status);
  }

  #fail(error: InteropError) {
    this.#lastError = error;
    this.emit('error', error);
  }

  /** Tries again after a jittered backoff, and never before the server's retry-after (a full connection limit, say). */
  #scheduleReconnect(attempt: number, retryAfterMs = 0) {
    clearTimeout(this.#reconnectTimer);
    const delay = Math.max(retryAfterMs, Math.min(30_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2));
    this.#reconnectTimer = setTimeout(() => {
      if (this.#status !== 'closed' && !this.#socket.connected) this.#socket.connect();
    }, delay);
  }

  #wireSocket() {
    const socket = this.#socket;
    socket.on('connect', () => {
      if (this.#status === 'closed') return void socket.disconnect();
      this.#tokenRefreshes = 0;
      this.#lastError = undefined;
      this.#session = undefined;
      this.#setStatus('online');
      void this.flush();
    });

    socket.on('connect_error', (raw: Error & { data?: unknown }) => {
      // A refusal that arrives after close() must not bring the client back.
      if (this.#status === 'closed') return;
      const body = errorBodySchema.safeParse(raw.data);
      const refused = body.success
        ? InteropError.from(body.data)
        : new InteropError('unavailable', raw.message || 'Connection failed');
      const error = this.#tokenProviderError ?? refused;
      const providerFailed = this.#tokenProviderError !== undefined;
      this.#tokenProviderError = undefined;
      this.#fail(error);
      if (providerFailed && isTransient(error)) {
        this.#setStatus('offline');
        this.#scheduleReconnect(3);
      } else if (error.code === 'unauthorized' && this.#tokenProvider && this.#tokenRefreshes < MAX_TOKEN_REFRESHES) {
        // The token was refused (expired, or signed before a secret rotation): fetch a new one and try again.
        this.#tokenRefreshes += 1;
        this.#token = undefined;
        this.#setStatus('connecting');
        this.#scheduleReconnect(this.#tokenRefreshes - 1);
      } else if (error.code === 'unauthorized' || error.code === 'forbidden') {
        this.#setStatus('error');
      } else {
        this.#setStatus('offline');
        // Transport failures are retried by socket.io itself; a refusal by the server's middleware is not.
        if (!socket.active) this.#scheduleReconnect(3, error.retryAfterMs);
      }
    });

    socket.on('disconnect', (reason) => {
      if (this.#status === 'closed') return;
      this.#setStatus('offline');
      // socket.io does not come back by itself after the server let us go (for an expired token, say).
      if (reason === 'io server disconnect') this.#scheduleReconnect(0);
    });

    socket.on('session:expired', () => {
      if (this.#tokenProvider) this.#token = undefined;
    });

    // Every push is parsed before anyone sees it; a malformed one is reported, never passed on.
    const push = <E extends keyof typeof serverEvents>(event: E, deliver: (payload: ServerEventPayload<E>) => void) =>
      socket.on(event as string, (raw: unknown) => {
        const parsed = serverEvents[event].safeParse(raw);
        if (parsed.success) deliver(parsed.data as ServerEventPayload<E>);
        else this.#fail(issuesError(parsed.error.issues, `A pushed ${event}`));
      });
    push('message:new', ({ message, conversation }) => {
      this.emit('message', message);
      if (conversation) this.emit('conversation', conversation);
    });
    push('conversation:updated', ({ conversation }) => this.emit('conversation', conversation));
    push('typing', (typing) => this.emit('typing', typing));
    push('presence', (presence) => this.emit('presence', presence));
    push('pay:status', ({ order }) => this.emit('order', order));
    push('todo:updated', ({ todo }) => this.emit('todo', todo));
    push('transfer:updated', ({ transfer }) => this.emit('transfer', transfer));
  }
}
