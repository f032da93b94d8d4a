import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { InteropError } from '@interop-kit/elements/protocol';
import { memorySlots, redisSlots, type SocketSlots } from './socket-slots.js';

/** An allowance: `burst` at once, refilled at `perSecond` on average. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/** Every limit the backend keeps, keyed on who asks (a person, an API key) or where from (a client address). */
export interface LimitSettings {
  /** Socket events of any kind, per person (visitor/customer or employee), over all their sockets. */
  events: Rate;
  /** `message:send`, per person. */
  messages: Rate;
  /** `message:send` into one conversation, whoever writes. */
  conversationMessages: Rate;
  /** CRM and management API requests, per API key. */
  apiRequests: Rate;
  /** Visitor sessions created per client address and minute (each may create a customer). */
  sessionsPerMinute: number;
  /** Sockets open at once per person, and per client address. */
  socketsPerPerson: number;
  socketsPerAddress: number;
}

/** What a limit is counted against. */
type RateName = 'events' | 'messages' | 'conversationMessages' | 'apiRequests' | 'sessions';

const REFUSALS: Record<RateName, string> = {
  events: 'Too many requests from this person',
  messages: 'Too many messages from this person',
  conversationMessages: 'Too many messages in this conversation',
  apiRequests: 'Too many requests with this API key',
  sessions: 'Too many new sessions from this address',
};

export interface Limits {
  /** Counts one request against `key`'s allowance; refuses it as `rate_limited` with a retry-after once spent. */
  take(name: RateName, key: string): Promise<void>;
  /**
   * Holds an open socket against its person and its address; refuses it as `rate_limited` when either is full.
   * The returned release is safe to call more than once.
   */
  holdSocket(socketId: string, person: string, address: string): Promise<() => void>;
  /** Where the counts live: this process, or a Redis every node shares. */
  readonly store: 'memory' | 'redis';
  close(): Promise<void>;
}

/** Windows of whole seconds (what the Redis store keeps): `burst` points per `burst / perSecond` seconds. */
function windowOf(rate: Rate): { points: number; duration: number } {
  return { points: Math.max(1, Math.floor(rate.burst)), duration: Math.max(1, Math.ceil(rate.burst / rate.perSecond)) };
}

export function rateLimited(message: string, retryAfterMs: number): InteropError {
  const ms = Math.max(1, Math.ceil(retryAfterMs));
  return new InteropError('rate_limited', `${message}; try again in ${Math.ceil(ms / 1000)} s`, { retryAfterMs: ms });
}

/**
 * The limits of one node. With a Redis client, every count is kept in Redis, so all sockets and all nodes of a
 * deployment share them; should Redis fail, rates fall back to this node's memory (never refusing everyone) and
 * socket counts are not enforced until it is back.
 */
export function createLimits(
  settings: LimitSettings,
  options: { redis?: Redis | undefined; log: (message: string, error?: unknown) => void },
): Limits {
  const { redis } = options;
  const rates = {
    events: windowOf(settings.events),
    messages: windowOf(settings.messages),
    conversationMessages: windowOf(settings.conversationMessages),
    apiRequests: windowOf(settings.apiRequests),
    sessions: { points: Math.max(1, settings.sessionsPerMinute), duration: 60 },
  } satisfies Record<RateName, { points: number; duration: number }>;
  const limiters = Object.fromEntries(
    Object.entries(rates).map(([name, rate]) => {
      const memory = new RateLimiterMemory({ ...rate, keyPrefix: name });
      const limiter: RateLimiterAbstract = redis
        ? new RateLimiterRedis({ ...rate, storeClient: redis, keyPrefix: `ix:limit:${name}`, insuranceLimiter: memory })
        : memory;
      return [name, limiter];
    }),
  ) as Record<RateName, RateLimiterAbstract>;
  const slots: SocketSlots = redis ? redisSlots(redis, options.log) : memorySlots();

  return {
    store: redis ? 'redis' : 'memory',
    async take(name, key) {
      try {
        await limiters[name].consume(key);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) throw rateLimited(REFUSALS[name], refusal.msBeforeNext);
        throw refusal;
      }
    },
    async holdSocket(socketId, person, address) {
      const full = await slots.hold(socketId, [
        { key: `person:${person}`, max: settings.socketsPerPerson },
        { key: `address:${address}`, max: settings.socketsPerAddress },
      ]);
      if (full === 0)
        throw rateLimited(`Too many open connections for this person (at most ${settings.socketsPerPerson})`, 5000);
      if (full === 1)
        throw rateLimited(`Too many open connections from this address (at most ${settings.socketsPerAddress})`, 5000);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        slots.release(socketId);
      };
    },
    async close() {
      await slots.close();
    },
  };
}
