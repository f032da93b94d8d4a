import { unlessKnown } from '../cluster/breaker.js';
import type { SharedRedis } from '../cluster/redis.js';
import type { PresenceStatus } from '@interop-kit/elements/protocol';

/** What one socket of an employee says: here, stepped away, or closed. */
export type SocketPresence = 'online' | 'away' | 'gone';

/**
 * Which employees are connected, and whether they said they are away, counted per socket: an employee may have the
 * workbench open in several tabs, on several nodes. A change of an employee's status is announced once, by the
 * node that made it.
 */
export interface Presence {
  statuses(corpId: string, employeeIds: readonly string[]): Promise<PresenceStatus[]>;
  set(corpId: string, employeeId: string, socketId: string, state: SocketPresence): Promise<void>;
  /** Where it is kept: this process, or a Redis every node shares. */
  readonly store: 'memory' | 'redis';
  close(): Promise<void>;
}

export type AnnouncePresence = (corpId: string, employeeId: string, status: PresenceStatus) => void;
type Log = (message: string, error?: unknown) => void;

const statusOf = (states: Iterable<string>): PresenceStatus => {
  let any = false;
  for (const state of states) {
    if (state === 'online') return 'online';
    any = true;
  }
  return any ? 'away' : 'offline';
};

/** One node's sockets, in its memory. */
class SocketStates {
  /** By `<corp>\n<employee id>`: employee ids are unique within their corp only. */
  readonly byEmployee = new Map<string, Map<string, 'online' | 'away'>>();

  status(corpId: string, employeeId: string): PresenceStatus {
    return statusOf(this.byEmployee.get(`${corpId}\n${employeeId}`)?.values() ?? []);
  }

  /** Records a socket's state; returns the employee's new status if it changed. */
  set(corpId: string, employeeId: string, socketId: string, state: SocketPresence): PresenceStatus | undefined {
    const key = `${corpId}\n${employeeId}`;
    const before = this.status(corpId, employeeId);
    let sockets = this.byEmployee.get(key);
    if (state === 'gone') sockets?.delete(socketId);
    else {
      if (!sockets) this.byEmployee.set(key, (sockets = new Map()));
      sockets.set(socketId, state);
    }
    if (sockets?.size === 0) this.byEmployee.delete(key);
    const after = this.status(corpId, employeeId);
    return after === before ? undefined : after;
  }

  *sockets() {
    for (const [key, sockets] of this.byEmployee) {
      const [corpId, employeeId] = key.split('\n') as [string, string];
      for (const [socketId, state] of sockets) yield { corpId, employeeId, socketId, state };
    }
  }
}

/** The one-node default: presence in this process. */
export function memoryPresence(announce: AnnouncePresence): Presence {
  const states = new SocketStates();
  return {
    store: 'memory',
    async statuses(corpId, employeeIds) {
      return employeeIds.map((id) => states.status(corpId, id));
    },
    async set(corpId, employeeId, socketId, state) {
      const changed = states.set(corpId, employeeId, socketId, state);
      if (changed) announce(corpId, employeeId, changed);
    },
    async close() {},
  };
}

/**
 * Sets one socket's state in its employee's hash (socket id → state) and its lease in the deployment's lease set,
 * and returns the employee's new status if it changed, else ''. 'gone' changes something only for the caller that
 * removed the socket, so a status is announced once even when a disconnect and a sweep race.
 */
const SET_SCRIPT = `
local function status()
  local states = redis.call('HVALS', KEYS[1])
  if #states == 0 then return 'offline' end
  for _, state in ipairs(states) do if state == 'online' then return 'online' end end
  return 'away'
end
local before = status()
if ARGV[2] == 'gone' then
  local leased = redis.call('ZREM', KEYS[2], ARGV[3])
  if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 and leased == 0 then return '' end
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
end
local after = status()
if after == before then return '' end
return after
`;

const LEASES = 'ix:presence:leases';
const hashKey = (corpId: string, employeeId: string) => `ix:presence:${JSON.stringify([corpId, employeeId])}`;
const leaseMember = (corpId: string, employeeId: string, socketId: string) =>
  JSON.stringify([corpId, employeeId, socketId]);

/**
 * Presence shared by every node through Redis. Each socket's entry has a lease its node renews; a node that dies
 * stops renewing, and any node's sweep removes its sockets (announcing who went offline) within `leaseMs` plus a
 * third of it. Should Redis fail, this node answers from its own sockets until it is back.
 */
export function redisPresence(
  shared: SharedRedis,
  announce: AnnouncePresence,
  options: { leaseMs: number; log: Log },
): Presence {
  const { leaseMs, log } = options;
  const { client: redis, breaker } = shared;
  const failed = (what: string, error: unknown) => unlessKnown(log, what)(error);
  /** A state this node could not write: the next renewal writes every socket's state again. */
  let unwritten = false;
  const local = new SocketStates();
  const pending = new Set<Promise<unknown>>();

  async function write(corpId: string, employeeId: string, socketId: string, state: SocketPresence) {
    const member = leaseMember(corpId, employeeId, socketId);
    const changed = (await breaker.call('presence', () =>
      redis.eval(SET_SCRIPT, 2, hashKey(corpId, employeeId), LEASES, socketId, state, member, Date.now() + leaseMs),
    )) as string;
    if (changed) announce(corpId, employeeId, changed as PresenceStatus);
  }

  /**
   * Keeps this node's sockets leased; one a sweep took while this node was stalled is written back, and every one
   * after a change this node could not write (Redis was away).
   */
  async function renew() {
    const entries = [...local.sockets()];
    if (unwritten && breaker.available) {
      await Promise.all(entries.map((entry) => write(entry.corpId, entry.employeeId, entry.socketId, entry.state)));
      unwritten = false;
      return;
    }
    if (entries.length === 0) return;
    const leaseEnd = Date.now() + leaseMs;
    const batch = redis.pipeline();
    for (const { corpId, employeeId, socketId } of entries)
      batch.zadd(LEASES, 'XX', 'CH', leaseEnd, leaseMember(corpId, employeeId, socketId));
    const results = (await breaker.call('presence', () => batch.exec())) ?? [];
    await Promise.all(
      entries.map((entry, index) =>
        results[index]?.[1] === 0 ? write(entry.corpId, entry.employeeId, entry.socketId, entry.state) : undefined,
      ),
    );
  }

  /** Removes the sockets whose lease ran out: their node died, or lost Redis for longer than a lease. */
  async function sweep() {
    const expired = await breaker.call('presence', () =>
      redis.zrangebyscore(LEASES, '-inf', Date.now(), 'LIMIT', 0, 500),
    );
    for (const member of expired) {
      const [corpId, employeeId, socketId] = JSON.parse(member) as [string, string, string];
      if (local.byEmployee.get(`${corpId}\n${employeeId}`)?.has(socketId)) continue; // ours: renewal writes it back
      await write(corpId, employeeId, socketId, 'gone');
    }
  }

  const track = <T>(work: Promise<T>) => {
    pending.add(work);
    void work.catch(() => {}).finally(() => pending.delete(work));
    return work;
  };
  const timer = setInterval(
    () => {
      track(renew().then(sweep)).catch((error: unknown) => failed('could not renew or sweep presence in Redis', error));
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();

  return {
    store: 'redis',
    async statuses(corpId, employeeIds) {
      if (employeeIds.length === 0) return [];
      try {
        const batch = redis.pipeline();
        for (const id of employeeIds) batch.hvals(hashKey(corpId, id));
        return ((await breaker.call('presence', () => batch.exec())) ?? []).map(([error, states]) => {
          if (error) throw error;
          return statusOf(states as string[]);
        });
      } catch (error) {
        failed('could not read presence from Redis; answering from this node', error);
        return employeeIds.map((id) => local.status(corpId, id));
      }
    },
    async set(corpId, employeeId, socketId, state) {
      const changedHere = local.set(corpId, employeeId, socketId, state);
      try {
        await track(write(corpId, employeeId, socketId, state));
      } catch (error) {
        failed('could not write presence to Redis; announcing what this node knows', error);
        unwritten = true;
        if (changedHere) announce(corpId, employeeId, changedHere);
      }
    },
    async close() {
      clearInterval(timer);
      // A node that stops takes its sockets with it now rather than when their leases run out.
      for (const { corpId, employeeId, socketId } of [...local.sockets()]) {
        local.set(corpId, employeeId, socketId, 'gone');
        track(write(corpId, employeeId, socketId, 'gone')).catch(() => {});
      }
      await Promise.allSettled([...pending]);
    },
  };
}
