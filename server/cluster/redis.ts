import { Redis } from 'ioredis';
import { createRedisBreaker, type RedisBreaker } from './breaker.js';

type Log = (message: string, error?: unknown) => void;

/** The Redis every node shares, and the breaker its users go through. */
export interface SharedRedis {
  client: Redis;
  breaker: RedisBreaker;
}

export interface RedisOptions {
  /** A command Redis has not answered in this long fails and opens the breaker (a Redis that hangs, not only one gone). */
  commandTimeoutMs: number;
  /** How often, while the breaker is open, a PING asks whether Redis answers again. */
  probeMs: number;
}

/**
 * The Redis every node shares (REDIS_URL), or none: one node keeps everything in its memory. Commands fail fast while
 * Redis is away (no offline queue) or hangs, and the first failure opens the breaker, so a request never waits on it
 * more than once; each user says what it falls back to.
 */
export function connectRedis(url: string | undefined, log: Log, options: RedisOptions): SharedRedis | undefined {
  if (!url) return undefined;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    // The breaker's own timeout (commandTimeoutMs) decides; this one only ends commands nobody waits for.
    commandTimeout: Math.max(2000, 10 * options.commandTimeoutMs),
    // Commands sent in one turn of the event loop (a busy node's sends, their pushes) go out in one write: fewer
    // system calls for this node and for Redis, whose time per message is mostly reading and writing sockets.
    enableAutoPipelining: true,
  });
  let reported = false;
  redis.on('error', (error) => {
    if (!reported) log('Redis is unreachable; limits and presence fall back to this node until it is back', error);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  const breaker = createRedisBreaker(redis, { log, timeoutMs: options.commandTimeoutMs, probeMs: options.probeMs });
  // A connection that drops says so at once: nobody waits for a command to fail first.
  redis.on('close', () => breaker.lost('the connection to Redis closed'));
  return { client: redis, breaker };
}

/** Waits (a few seconds at most) for Redis at start, so the first requests are counted there rather than locally. */
export async function redisReady(redis: Redis, log: Log, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) log(`Redis was not ready within ${timeoutMs} ms; limits and presence are kept on this node until it is`);
}

/** Says goodbye to Redis if it is there (QUIT lets replies in flight arrive), else just drops the connection. */
export async function closeRedis(redis: Redis, breaker?: RedisBreaker): Promise<void> {
  breaker?.close();
  if (breaker && !breaker.available) return redis.disconnect(); // a QUIT would wait on a Redis that hangs
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
