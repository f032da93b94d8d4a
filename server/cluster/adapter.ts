import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { closeRedis } from './redis.js';

type Log = (message: string, error?: unknown) => void;

/**
 * The adapter discards the promises of the commands it sends (socket.io/socket.io-redis-emitter#139 is the same
 * thing): with Redis away one would reject unhandled and end the process. Each gets a handler that logs instead.
 */
function handled(
  client: Redis,
  commands: readonly ('publish' | 'subscribe' | 'psubscribe' | 'unsubscribe' | 'punsubscribe')[],
  log: Log,
): Redis {
  for (const command of commands) {
    const send = client[command].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[command] = (...args: unknown[]) => {
      const reply = send(...args);
      reply.catch((error: unknown) => log(`Redis ${command} failed: a push may not reach the other nodes`, error));
      return reply;
    };
  }
  return client;
}

/**
 * Rooms, pushes and `disconnectSockets` span every node through Redis pub/sub (`@socket.io/redis-adapter`). Not the
 * Streams adapter: a client that missed pushes asks the database for them (`sync` after its last `seq`), so the
 * adapter need not keep a log, and plain pub/sub costs Redis nothing per message beyond passing it on.
 */
export function attachRedisAdapter(io: Server, redis: Redis, log: Log): { close(): Promise<void> } {
  const pub = handled(redis.duplicate({ enableOfflineQueue: false }), ['publish'], log);
  // The subscriber keeps its queue: subscriptions made before Redis answers go out once it does (and again on reconnect).
  const sub = handled(
    redis.duplicate({ enableOfflineQueue: true }),
    ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'],
    log,
  );
  for (const client of [pub, sub]) client.on('error', () => {}); // reported once by the shared client
  io.adapter(createAdapter(pub, sub, { key: 'ix', requestsTimeout: 3000 }));
  return {
    async close() {
      await Promise.all([closeRedis(pub), closeRedis(sub)]);
    },
  };
}
