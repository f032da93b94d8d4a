import type { Redis } from 'ioredis';

type Log = (message: string, error?: unknown) => void;

/** What leans on Redis, as the metrics name it. */
export type RedisUser = 'limits' | 'sockets' | 'presence' | 'pushes';

export interface BreakerState {
  /** Whether this node uses Redis now. */
  available: boolean;
  /** Why not, while it does not. */
  reason?: string;
  /** Since when (ISO time) it has not. */
  since?: string;
}

export interface RedisBreaker {
  /** Whether callers should go to Redis now; when false they use their local fallback at once. */
  readonly available: boolean;
  /**
   * Runs a Redis command for `user` while Redis is available; a failure (or timeout) opens the breaker and rethrows.
   * While it is open, rejects at once with `RedisUnavailable` without touching Redis.
   */
  call<T>(user: RedisUser, command: () => Promise<T>): Promise<T>;
  /**
   * Watches a command nobody waits for (a push to other nodes: sent at once, whatever the breaker says, so a node
   * that only looked slow loses nothing): while the breaker is closed its failure or timeout opens it; while open it
   * is counted as sent unconfirmed.
   */
  watch(user: RedisUser, reply: Promise<unknown>): void;
  /** Opens it without a command having failed: the connection was lost. */
  lost(reason: string): void;
  state(): BreakerState;
  /** What the metrics read: how often it opened, and the work each user skipped since the node started. */
  counts(): { opened: number; skipped: Record<RedisUser, number> };
  close(): void;
}

export class RedisUnavailable extends Error {
  constructor(reason: string) {
    super(`Redis is not used for now: ${reason}`);
    this.name = 'RedisUnavailable';
  }
}

/** Logs a failure of Redis itself; one the breaker answered for it (Redis known to be away) was said when it opened. */
export const unlessKnown = (log: Log, what: string) => (error: unknown) => {
  if (!(error instanceof RedisUnavailable)) log(what, error);
};

export interface BreakerOptions {
  log: Log;
  /** How long a command may go unanswered before it opens the breaker. */
  timeoutMs: number;
  /** How often a probe asks Redis whether it answers again. */
  probeMs: number;
}

/**
 * Rejects when `reply` has not settled `ms` after the call. The timer's turn of the event loop is followed by one more
 * (`setImmediate`, after the loop has read the sockets), so an answer that came while this process was busy is taken
 * rather than called late: a node that lags does not mistake itself for a Redis that hangs.
 */
function withTimeout<T>(reply: Promise<T>, ms: number): Promise<T> {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        setImmediate(() => {
          if (!settled) reject(new Error(`Redis did not answer within ${ms} ms`));
        }),
      ms,
    );
  });
  return Promise.race([reply, timeout]).finally(() => {
    settled = true;
    clearTimeout(timer);
  });
}

/**
 * A circuit breaker around the Redis every node shares. The first command that fails or times out opens it: from
 * then on limits, socket counts and presence are kept on this node, and pushes to other nodes go out without anyone
 * waiting for them (lost if Redis is really gone; clients catch up with `sync` on their next reconnect), so no request
 * waits on a Redis that hangs. A probe (PING) runs in the background until Redis answers, and closes it.
 */
export function createRedisBreaker(redis: Redis, options: BreakerOptions): RedisBreaker {
  let open: { reason: string; since: Date } | undefined;
  let probing: NodeJS.Timeout | undefined;
  let closed = false;
  let opened = 0;
  /** Calls waiting on Redis: when one fails the others stop waiting too (they would only time out one by one). */
  const waiting = new Set<(error: Error) => void>();
  const skips: Record<RedisUser, number> = { limits: 0, sockets: 0, presence: 0, pushes: 0 };

  function trip(error: unknown) {
    if (open || closed) return;
    const reason = error instanceof Error ? error.message : String(error);
    open = { reason, since: new Date() };
    opened += 1;
    options.log(`Redis failed (${reason}); this node counts limits and presence alone until a probe gets an answer`);
    for (const release of waiting) release(new RedisUnavailable(reason));
    waiting.clear();
    scheduleProbe();
  }

  function scheduleProbe() {
    if (closed || probing) return;
    probing = setTimeout(() => {
      probing = undefined;
      redis.ping().then(
        () => {
          if (!open || closed) return;
          const down = Date.now() - open.since.getTime();
          open = undefined;
          options.log(`Redis answers again after ${down} ms; this node shares its counts there again`);
        },
        () => scheduleProbe(),
      );
    }, options.probeMs);
    probing.unref();
  }

  const skipped = (user: RedisUser) => void (skips[user] += 1);

  return {
    get available() {
      return !open;
    },
    async call(user, command) {
      if (open) {
        skipped(user);
        throw new RedisUnavailable(open.reason);
      }
      let release: ((error: Error) => void) | undefined;
      const released = new Promise<never>((_, reject) => {
        release = reject;
        waiting.add(reject);
      });
      try {
        return await Promise.race([withTimeout(command(), options.timeoutMs), released]);
      } catch (error) {
        if (!(error instanceof RedisUnavailable)) trip(error);
        throw error;
      } finally {
        waiting.delete(release!);
      }
    },
    watch(user, reply) {
      if (open) {
        skipped(user);
        reply.catch(() => {}); // ioredis's own timeout ends it; nobody is waiting
        return;
      }
      void this.call(user, () => reply).catch(() => {});
    },
    lost: (reason) => trip(new Error(reason)),
    counts: () => ({ opened, skipped: { ...skips } }),
    state: () =>
      open ? { available: false, reason: open.reason, since: open.since.toISOString() } : { available: true },
    close() {
      closed = true;
      clearTimeout(probing);
    },
  };
}
