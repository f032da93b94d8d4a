/**
 * Scaling: the message path on one, two and three backend nodes on one PostgreSQL and one Redis, against the bare
 * socket.io relay in the same run, and one node without Redis (what the adapter costs). Visitors are spread over the
 * nodes round-robin and the employee who receives every push is on node 1, so with two nodes half the pushes cross
 * Redis, with three two thirds. Every node, each Redis and the load share this machine's 2 cores: a node added here
 * takes cores from the others rather than bringing its own, which is what the figures show.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npm run bench:scale   # 2 repeats
 *
 * DATABASE_URL names a PostgreSQL server whose user may create databases (each target gets its own, dropped after).
 * Writes bench/results/scale.json. Loopback only, bounded in time.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startRedisServer, type RedisServer } from '../server/test/support/redis-server.js';
import { startBackendProcess, startRelayProcess, type ServerProcess } from './support/backend.js';
import {
  connect,
  IN_FLIGHT,
  ladder,
  pooled,
  sessionToken,
  STEP_MS,
  step,
  sustainedRate,
  UNLIMITED,
  type LoadTarget,
  type Step,
} from './support/load-steps.js';
import { median, round } from './support/stats.js';

const { values: args } = parseArgs({
  options: { repeats: { type: 'string', default: '2' }, only: { type: 'string' } },
});
/** `--only "1 node,1 node + Redis"`: those targets alone (a quick comparison); the relay always runs. */
const ONLY = args.only?.split(',').map((name) => name.trim());
const REPEATS = Math.max(1, Math.min(5, Number(args.repeats) || 2));
const CONVERSATIONS = 1000;
const server = process.env.DATABASE_URL;
if (!server?.startsWith('postgres'))
  throw new Error('bench:scale needs DATABASE_URL, a PostgreSQL server whose user may create databases');

interface Target extends LoadTarget {
  nodes: number;
  redis: boolean;
  /** The target's Redis, for its command counts. */
  redisUrl?: string | undefined;
  close(): Promise<void>;
}

const targetName = (nodes: number, withRedis: boolean) =>
  `${nodes} node${nodes > 1 ? 's' : ''}${withRedis ? ' + Redis' : ''}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function backendTarget(nodes: number, withRedis: boolean): Promise<Target> {
  const name = `db_scale_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server!);
  url.pathname = `/${name}`;
  // A Redis of its own: targets alive side by side must not hear each other's pushes.
  const redis: RedisServer | undefined = withRedis ? await startRedisServer() : undefined;
  const env = {
    ...UNLIMITED,
    DATABASE_URL: url.toString(),
    TOKEN_SECRET: 'one secret for every node of this bench, 32+ chars',
    ...(redis ? { REDIS_URL: redis.url } : {}),
  };
  const processes: ServerProcess[] = [];
  for (let i = 0; i < nodes; i++) processes.push(await startBackendProcess({ ...env, NODE_ID: `bench-${i + 1}` }));
  const nodeOf = (i: number) => processes[i % nodes]!.url;
  const tokens = (await pooled(CONVERSATIONS, 20, (i) => sessionToken(nodeOf(i), 'sessions/visitor', {}))).results;
  const connected = await pooled(CONVERSATIONS, IN_FLIGHT, (i) =>
    connect(nodeOf(i), { token: tokens[i]!, corp: 'acme' }),
  );
  const visitors = await Promise.all(
    connected.results.map(async (socket) => {
      const opened = (await socket.timeout(30_000).emitWithAck('conversation:open', { createNew: true })) as {
        ok: boolean;
        data: { id: string };
      };
      if (!opened.ok) throw new Error('conversation:open refused');
      return { socket, conversationId: opened.data.id };
    }),
  );
  const employee = await connect(processes[0]!.url, {
    token: await sessionToken(processes[0]!.url, 'sessions/employee-dev', { employeeId: 'emp_lin' }),
    corp: 'acme',
  });
  return {
    name: targetName(nodes, withRedis),
    nodes,
    redis: withRedis,
    pids: [...processes.map((p) => p.pid), ...(redis ? [redis.pid] : [])],
    redisPid: redis?.pid,
    redisUrl: redis?.url,
    visitors,
    employee,
    async close() {
      for (const { socket } of visitors) socket.close();
      employee.close();
      for (const process of processes) await process.stop();
      await redis?.stop();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function relayTarget(): Promise<Target> {
  const relay = await startRelayProcess();
  const connected = await pooled(CONVERSATIONS, IN_FLIGHT, () => connect(relay.url, { role: 'visitor' }));
  const visitors = connected.results.map((socket) => ({ socket, conversationId: crypto.randomUUID() }));
  const employee = await connect(relay.url, { role: 'employee' });
  return {
    name: 'relay',
    nodes: 1,
    redis: false,
    pids: [relay.pid],
    visitors,
    employee,
    async close() {
      for (const { socket } of visitors) socket.close();
      employee.close();
      await relay.stop();
    },
  };
}

/**
 * The commands a target's Redis has run since the last reset, by name (INFO commandstats; a command run inside the
 * limits script counts on its own too); `reset` starts the count afresh.
 */
async function redisCommands(target: Target, reset = false): Promise<Record<string, number>> {
  if (!target.redisUrl) return {};
  const redis = new Redis(target.redisUrl);
  try {
    if (reset) {
      await redis.config('RESETSTAT');
      return {};
    }
    const calls: Record<string, number> = {};
    for (const [, command, count] of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
      if (!command!.startsWith('config') && !command!.startsWith('info')) calls[command!] = Number(count);
    return calls;
  } finally {
    redis.disconnect();
  }
}

/** CPU per message at one rate, microseconds: a target's cores (its nodes and Redis) and the database's. */
const microsecondsPerMessage = (steps: Step[], rate: number) => {
  const at = steps.filter((s) => s.rate === rate);
  return at.length === 0
    ? undefined
    : round(median(at.map((s) => ((s.cores + s.databaseCores) * 1e6) / s.deliveredPerSecond)));
};

/** Rates the adapter's cost is read at: ones every backend target reached in the bench's runs. */
const ADAPTER_RATES = [200, 300, 400, 600];

async function main() {
  console.log(
    `scale bench: 1–3 nodes on PostgreSQL + Redis against the relay, ${CONVERSATIONS} conversations, ${REPEATS} repeat(s), steps of ${STEP_MS} ms`,
  );
  const targets: Target[] = [];
  try {
    targets.push(await relayTarget());
    for (const [nodes, withRedis] of [
      [1, false],
      [1, true],
      [2, true],
      [3, true],
    ] as const) {
      if (!ONLY || ONLY.includes(targetName(nodes, withRedis))) targets.push(await backendTarget(nodes, withRedis));
    }
    for (const target of targets) await step(target, CONVERSATIONS, 100); // warm-up, unrecorded
    await Promise.all(targets.map((target) => redisCommands(target, true)));
    const runs: { repeat: number; target: string; steps: Step[] }[] = [];
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      for (const target of repeat % 2 ? targets : [...targets].reverse())
        runs.push({ repeat, target: target.name, steps: await ladder(target, CONVERSATIONS) });
    }
    const commandsPerMessage: Record<string, Record<string, number>> = {};
    for (const target of targets.filter((t) => t.redisUrl)) {
      const calls = await redisCommands(target);
      const delivered = runs
        .filter((r) => r.target === target.name)
        .reduce((total, r) => total + r.steps.reduce((sum, s) => sum + s.delivered, 0), 0);
      commandsPerMessage[target.name] = Object.fromEntries(
        Object.entries(calls).map(([command, count]) => [command, round(count / delivered, 2)]),
      );
    }
    const relaySustained = median(runs.filter((r) => r.target === 'relay').map((r) => sustainedRate(r.steps)));
    const summary: Record<string, Record<string, number | undefined>> = {};
    for (const target of targets) {
      const mine = runs.filter((r) => r.target === target.name);
      const sustained = median(mine.map((r) => sustainedRate(r.steps)));
      const at = (rate: number) => mine.flatMap((r) => r.steps.filter((s) => s.rate === rate));
      const [at100, at1000] = [at(100), at(1000)];
      summary[target.name] = {
        'sustainable msg/s (median)': sustained,
        'of the relay': round(sustained / relaySustained, 3),
        'peak delivered msg/s': round(median(mine.map((r) => Math.max(...r.steps.map((s) => s.deliveredPerSecond))))),
        'p99 at 100 msg/s (ms)': round(median(at100.map((s) => s.p99))),
        'p99 at 1,000 msg/s (ms)': round(median(at1000.map((s) => s.p99))),
        'nodes+Redis cores at 1,000 msg/s': round(median(at1000.map((s) => s.cores)), 2),
        'database cores at 1,000 msg/s': round(median(at1000.map((s) => s.databaseCores)), 2),
        'µs CPU per message at 1,000 msg/s': median(
          mine.map((r) => microsecondsPerMessage(r.steps, 1000)).filter((v): v is number => v !== undefined),
        ),
        'client cores at 1,000 msg/s': round(median(at1000.map((s) => s.clientCores)), 2),
        // Redis's own work per message, at the rates every Redis target reached.
        'Redis µs CPU per message at 100/200 msg/s': target.redis
          ? round(median([...at(100), ...at(200)].map((s) => (s.redisCores * 1e6) / s.deliveredPerSecond)))
          : undefined,
      };
    }
    // One node with Redis against without, at the same rates: what the adapter and the state in Redis add per message.
    const coresAt = (name: string, rate: number) =>
      median(
        runs
          .filter((r) => r.target === name)
          .flatMap((r) => r.steps.filter((s) => s.rate === rate))
          .map((s) => s.cores),
      );
    const adapterMicroseconds = round(
      median(ADAPTER_RATES.map((rate) => ((coresAt('1 node + Redis', rate) - coresAt('1 node', rate)) * 1e6) / rate)),
    );
    console.table(summary);
    console.log(
      `the adapter and Redis state per message (1 node with Redis against without, ${ADAPTER_RATES.join('/')} msg/s): ${adapterMicroseconds} µs CPU`,
    );
    console.log('Redis commands per message (every node, the whole run):', commandsPerMessage);
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(
      new URL('./results/scale.json', import.meta.url),
      `${JSON.stringify({ date: new Date().toISOString(), repeats: REPEATS, stepMs: STEP_MS, conversations: CONVERSATIONS, summary, adapterMicroseconds, commandsPerMessage, runs }, null, 2)}\n`,
    );
  } finally {
    for (const target of targets) await target.close().catch((error: unknown) => console.error(error));
  }
}

await main();
