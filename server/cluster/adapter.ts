import { createShardedAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { RedisBreaker } from './breaker.js';
import { closeRedis, type SharedRedis } from './redis.js';

type Log = (message: string, error?: unknown) => void;

/**
 * The adapter discards the promises of the commands it sends (socket.io/socket.io-redis-emitter#139 is the same
 * thing): with Redis away one would reject unhandled and end the process. Each gets a handler that logs instead.
 * A publish is answered at once: socket.io's cluster adapter waits for it before delivering on this node, and a push
 * must not wait on Redis. The breaker watches it (a failure or a timeout opens it).
 */
function handled(
  client: Redis,
  commands: readonly ('spublish' | 'ssubscribe' | 'sunsubscribe')[],
  log: Log,
  breaker?: RedisBreaker,
): Redis {
  for (const command of commands) {
    const send = client[command].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[command] = (...args: unknown[]) => {
      const reply = send(...args);
      // Said once, when Redis fails; not again for every push while the breaker knows.
      reply.catch((error: unknown) => {
        if (breaker?.available !== false) log(`Redis ${command} failed: a push may not reach the other nodes`, error);
      });
      if (!breaker) return reply;
      breaker.watch('pushes', reply);
      return Promise.resolve(0);
    };
  }
  return client;
}

/**
 * Rooms, pushes and `disconnectSockets` span every node through Redis 7's sharded pub/sub (`@socket.io/redis-adapter`'s
 * sharded adapter, `subscriptionMode: "dynamic"`): each room has its own channel, which a node subscribes to while it
 * has a member there, so a push reaches only the nodes with someone to give it to — Redis's work per message does not
 * grow with the number of nodes, and no node decodes packets for rooms it does not hold. A push to several rooms at
 * once would take the one channel every node hears: the pushes name one room per emit (socket/pushes.ts). Not the
 * Streams adapter: a client that missed pushes asks the database for them (`sync` after its last `seq`), so the
 * adapter need not keep a log.
 */
export function attachRedisAdapter(io: Server, shared: SharedRedis, log: Log): { close(): Promise<void> } {
  const { client: redis, breaker } = shared;
  const pub = handled(redis.duplicate({ enableOfflineQueue: false }), ['spublish'], log, breaker);
  // The subscriber keeps its queue: subscriptions made before Redis answers go out once it does (and again on reconnect).
  const sub = handled(
    redis.duplicate({ enableOfflineQueue: true, enableAutoPipelining: false }),
    ['ssubscribe', 'sunsubscribe'],
    log,
  );
  for (const client of [pub, sub]) client.on('error', () => {}); // reported once by the shared client
  io.adapter(createShardedAdapter(pub, sub, { channelPrefix: 'ix', subscriptionMode: 'dynamic' }));
  return {
    async close() {
      await Promise.all([closeRedis(pub, breaker), closeRedis(sub, breaker)]);
    },
  };
}
