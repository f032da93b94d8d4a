import { unlessKnown } from '../cluster/breaker.js';
import type { SharedRedis } from '../cluster/redis.js';

/** Counts of open sockets under keys (a person, an address), each with its own maximum. */
export interface SocketSlots {
  /** Holds `socketId` under every key, or none: the index of the first full key, or -1 when held. */
  hold(socketId: string, keys: { key: string; max: number }[]): Promise<number>;
  release(socketId: string): void;
  close(): Promise<void>;
}

export function memorySlots(): SocketSlots {
  const holders = new Map<string, Set<string>>();
  const heldBy = new Map<string, string[]>();
  return {
    async hold(socketId, keys) {
      const full = keys.findIndex(({ key, max }) => (holders.get(key)?.size ?? 0) >= max);
      if (full !== -1) return full;
      for (const { key } of keys) {
        let set = holders.get(key);
        if (!set) holders.set(key, (set = new Set()));
        set.add(socketId);
      }
      heldBy.set(
        socketId,
        keys.map(({ key }) => key),
      );
      return -1;
    },
    release(socketId) {
      for (const key of heldBy.get(socketId) ?? []) {
        const set = holders.get(key);
        set?.delete(socketId);
        if (set?.size === 0) holders.delete(key);
      }
      heldBy.delete(socketId);
    },
    async close() {},
  };
}

/** How long a node's hold on a slot lasts unless it renews it: a node that dies frees its slots within this. */
const LEASE_MS = 60_000;

/**
 * Each key is a sorted set of socket ids scored by when their lease ends. Expired leases are dropped before
 * counting, so the check and the hold are one atomic step for every node.
 */
const HOLD_SCRIPT = `
local now = tonumber(ARGV[1])
local lease_end = tonumber(ARGV[2])
local member = ARGV[3]
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if not redis.call('ZSCORE', key, member) and redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then
    return i - 1
  end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, lease_end, member)
  redis.call('PEXPIREAT', key, lease_end)
end
return -1
`;

export function redisSlots(shared: SharedRedis, log: (message: string, error?: unknown) => void): SocketSlots {
  const { client: redis, breaker } = shared;
  const prefix = 'ix:sockets:';
  const failed = (what: string) => unlessKnown(log, what);
  const heldBy = new Map<string, string[]>();
  // This node renews the leases of the sockets it holds, well before they end.
  const renewal = setInterval(() => {
    if (heldBy.size === 0) return;
    const leaseEnd = Date.now() + LEASE_MS;
    // One ZADD and one PEXPIREAT per key, whatever the number of sockets in it (an office behind one address).
    const socketsByKey = new Map<string, string[]>();
    for (const [socketId, keys] of heldBy) {
      for (const key of keys) {
        const sockets = socketsByKey.get(key);
        if (sockets) sockets.push(socketId);
        else socketsByKey.set(key, [socketId]);
      }
    }
    const batch = redis.pipeline();
    for (const [key, sockets] of socketsByKey)
      batch.zadd(key, 'XX', ...sockets.flatMap((socketId) => [leaseEnd, socketId])).pexpireat(key, leaseEnd);
    breaker.call('sockets', () => batch.exec()).catch(failed('could not renew socket counts in Redis'));
  }, LEASE_MS / 3);
  renewal.unref();

  return {
    async hold(socketId, keys) {
      const redisKeys = keys.map(({ key }) => prefix + key);
      const now = Date.now();
      try {
        const full = (await breaker.call('sockets', () =>
          redis.eval(
            HOLD_SCRIPT,
            redisKeys.length,
            ...redisKeys,
            now,
            now + LEASE_MS,
            socketId,
            ...keys.map(({ max }) => max),
          ),
        )) as number;
        if (full === -1) heldBy.set(socketId, redisKeys);
        return full;
      } catch (error) {
        // Redis away: let the socket in uncounted rather than refuse every connection.
        failed('could not count a socket in Redis')(error);
        return -1;
      }
    },
    release(socketId) {
      const keys = heldBy.get(socketId);
      if (!keys) return;
      heldBy.delete(socketId);
      const batch = redis.pipeline();
      for (const key of keys) batch.zrem(key, socketId);
      // Skipped while Redis is away: the count's lease ends on its own.
      breaker.call('sockets', () => batch.exec()).catch(failed('could not release a socket count in Redis'));
    },
    async close() {
      clearInterval(renewal);
      const sockets = [...heldBy.keys()];
      for (const socketId of sockets) this.release(socketId);
    },
  };
}
