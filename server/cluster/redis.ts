import { Redis } from 'ioredis';

type Log = (message: string, error?: unknown) => void;

/** A command Redis has not answered in this long fails, and its user falls back (a Redis that hangs, not only one gone). */
const COMMAND_TIMEOUT_MS = 2000;

/**
 * The Redis every node shares (REDIS_URL), or none: one node keeps everything in its memory. Commands fail fast while
 * Redis is away (no offline queue) or hangs, so a request never waits on it long; each user says what it falls back to.
 */
export function connectRedis(url: string | undefined, log: Log): Redis | undefined {
  if (!url) return undefined;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
  });
  let reported = false;
  redis.on('error', (error) => {
    if (!reported) log('Redis is unreachable; limits and presence fall back to this node until it is back', error);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
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
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
