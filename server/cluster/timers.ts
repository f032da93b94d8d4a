import type { Database } from '../db/database.js';

type Log = (message: string, error?: unknown) => void;

export interface TimerOptions {
  db: Database;
  /** This node, as the lease's holder. */
  nodeId: string;
  /** How often the holder runs each piece of work (and others check whether its lease ran out). */
  pollMs: number;
  /** Timed work by name: each runs on one node at a time, whichever holds its lease. */
  work: Record<string, () => Promise<void>>;
  log: Log;
}

export interface Timers {
  /** Runs every piece of work this node holds now, rather than at the next poll. */
  kick(): Promise<void>;
  /** The names whose lease this node holds. */
  held(): string[];
  /** Stops, and gives up its leases so another node takes them at once. */
  close(): Promise<void>;
}

/**
 * Timed work on exactly one node: each piece has a lease row (`leases`) that its holder renews at every poll. A lease
 * lasts five polls, so a node that dies hands its work on within that; the work itself changes rows only from the
 * state it read (`UPDATE … WHERE status = …`), so even two holders in the moment a lease passes act once.
 */
export function startTimers(options: TimerOptions): Timers {
  const { db, nodeId, log } = options;
  const leaseMs = options.pollMs * 5;
  const held = new Set<string>();
  let stopped = false;
  let running: Promise<void> | undefined;

  async function hold(name: string): Promise<boolean> {
    const { rows } = await db.query(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()
       RETURNING name`,
      [name, nodeId, leaseMs],
    );
    if (rows.length === 1 && !held.has(name)) log(`took the "${name}" timer`);
    if (rows.length === 1) held.add(name);
    else held.delete(name);
    return rows.length === 1;
  }

  async function pass(): Promise<void> {
    for (const [name, work] of Object.entries(options.work)) {
      if (stopped) return;
      try {
        if (await hold(name)) await work();
      } catch (error) {
        log(`timer "${name}" failed`, error);
      }
    }
  }

  const kick = () => (running ??= pass().finally(() => (running = undefined)));
  const timer = setInterval(() => void kick(), options.pollMs);
  timer.unref();

  return {
    kick,
    held: () => [...held],
    async close() {
      stopped = true;
      clearInterval(timer);
      await running;
      if (held.size === 0) return;
      await db
        .query('DELETE FROM leases WHERE holder = $1 AND name = ANY($2::text[])', [nodeId, [...held]])
        .catch((error: unknown) => log('could not give up timers', error));
      held.clear();
    },
  };
}
