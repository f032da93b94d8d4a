import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { SharedRedis } from '../cluster/redis.js';
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
export type RateName = 'events' | 'messages' | 'conversationMessages' | 'apiRequests' | 'sessions';

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
   * Counts one request against several allowances at once (a message: its person's events and messages, and its
   * conversation's) — one Redis round trip; refuses with the first that is spent.
   */
  takeAll(allowances: ReadonlyArray<readonly [RateName, string]>): Promise<void>;
  /**
   * Holds an open socket against its person and its address; refuses it as `rate_limited` when either is full.
   * The returned release is safe to call more than once.
   */
  holdSocket(socketId: string, person: string, address: string): Promise<() => void>;
  /** Where the counts live: this process, or a Redis every node shares. */
  readonly store: 'memory' | 'redis';
  close(): Promise<void>;
}

/** What one allowance has consumed in its window, and how long the window has left. */
interface Counted {
  consumed: number;
  msLeft: number;
}

/**
 * Fixed windows in Redis, as rate-limiter-flexible keeps them, for any number of keys in one round trip: KEYS are the
 * counters, ARGV each one's window in ms and its points. Answers each key's count and, when that is over its points,
 * the ms its window has left (-1 otherwise). Counting is one INCR per key: the window's first count sets its expiry and
 * only a refusal asks for the time left — the cheapest a message's three allowances can be in Redis.
 */
const TAKE_SCRIPT = `
local answer = {}
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[i * 2 - 1])
  local consumed = redis.call('INCR', key)
  local left = -1
  if consumed == 1 then
    redis.call('PEXPIRE', key, window)
  elseif consumed > tonumber(ARGV[i * 2]) then
    left = redis.call('PTTL', key)
    if left < 0 then
      redis.call('PEXPIRE', key, window)
      left = window
    end
  end
  answer[i * 2 - 1] = consumed
  answer[i * 2] = left
end
return answer
`;

/** Windows of whole seconds (what the Redis store keeps): `burst` points per `burst / perSecond` seconds. */
function windowOf(rate: Rate): { points: number; duration: number } {
  return { points: Math.max(1, Math.floor(rate.burst)), duration: Math.max(1, Math.ceil(rate.burst / rate.perSecond)) };
}

export function rateLimited(message: string, retryAfterMs: number): InteropError {
  const ms = Math.max(1, Math.ceil(retryAfterMs));
  return new InteropError('rate_limited', `${message}; try again in ${Math.ceil(ms / 1000)} s`, { retryAfterMs: ms });
}

/** A refusal by one of the rates, naming which (for the server: the client sees a plain `rate_limited`). */
export class LimitRefusal extends InteropError {
  constructor(
    readonly limit: RateName,
    retryAfterMs: number,
  ) {
    const { code, message, details } = rateLimited(REFUSALS[limit], retryAfterMs);
    super(code, message, details);
  }
}

/**
 * The limits of one node. With Redis, every count is kept there, so all sockets and all nodes of a deployment share
 * them; while Redis's breaker is open (it failed or hangs), rates are counted in this node's memory at once (never
 * refusing everyone, never waiting on Redis) and socket counts are not enforced until it is back.
 */
export function createLimits(
  settings: LimitSettings,
  options: { redis?: SharedRedis | undefined; log: (message: string, error?: unknown) => void },
): Limits {
  const { redis } = options;
  const rates = {
    events: windowOf(settings.events),
    messages: windowOf(settings.messages),
    conversationMessages: windowOf(settings.conversationMessages),
    apiRequests: windowOf(settings.apiRequests),
    sessions: { points: Math.max(1, settings.sessionsPerMinute), duration: 60 },
  } satisfies Record<RateName, { points: number; duration: number }>;
  const memory = Object.fromEntries(
    Object.entries(rates).map(([name, rate]) => [name, new RateLimiterMemory({ ...rate, keyPrefix: name })]),
  ) as Record<RateName, RateLimiterMemory>;
  const slots: SocketSlots = redis ? redisSlots(redis, options.log) : memorySlots();
  redis?.client.defineCommand('ixTakeLimits', { lua: TAKE_SCRIPT });

  /** Every allowance counted in Redis in one script: how much each has consumed in its window, and when it ends. */
  async function takeShared(allowances: ReadonlyArray<readonly [RateName, string]>): Promise<Counted[]> {
    const keys = allowances.map(([name, key]) => `ix:limit:${name}:${key}`);
    const windowsAndPoints = allowances.flatMap(([name]) => [rates[name].duration * 1000, rates[name].points]);
    const reply = (await (redis!.client as unknown as Record<string, (...args: unknown[]) => Promise<number[]>>)
      .ixTakeLimits!(keys.length, ...keys, ...windowsAndPoints)) as number[];
    return allowances.map((_, index) => ({ consumed: reply[index * 2]!, msLeft: reply[index * 2 + 1]! }));
  }

  /** The same in this node's memory: while Redis is away, or when there is none. */
  const takeLocal = (allowances: ReadonlyArray<readonly [RateName, string]>): Promise<Counted[]> =>
    Promise.all(
      allowances.map(([name, key]) =>
        memory[name].consume(key).then(
          (result) => ({ consumed: result.consumedPoints, msLeft: result.msBeforeNext }),
          (outcome: unknown) => {
            if (!(outcome instanceof RateLimiterRes)) throw outcome;
            return { consumed: outcome.consumedPoints, msLeft: outcome.msBeforeNext };
          },
        ),
      ),
    );

  async function takeAll(allowances: ReadonlyArray<readonly [RateName, string]>): Promise<void> {
    // Redis away or hanging: this node's own count, now (the breaker says so without waiting).
    const counted = redis
      ? await redis.breaker.call('limits', () => takeShared(allowances)).catch(() => takeLocal(allowances))
      : await takeLocal(allowances);
    counted.forEach(({ consumed, msLeft }, index) => {
      const name = allowances[index]![0];
      if (consumed > rates[name].points) throw new LimitRefusal(name, msLeft);
    });
  }

  return {
    store: redis ? 'redis' : 'memory',
    take: (name, key) => takeAll([[name, key]]),
    takeAll,
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
