/**
 * The message path under open-loop load: visitors send `message:send` at a fixed total rate spread over 100 or 1,000
 * live conversations, one employee socket receives every `message:new`. Against the backend (its own process; PGlite,
 * or PostgreSQL when DATABASE_URL is set) and against a bare socket.io relay (the ceiling), interleaved, repeated.
 *
 * For each target, conversation count and rate of the ladder: delivered msg/s, visitor→employee p50/p95/p99,
 * ack p99, server CPU (cores), lost/duplicated/reordered. A rate is sustainable when every message is acked and
 * pushed and the push p99 is ≤ 50 ms; the ladder of rates climbs in steps of about ×1.5. Also: authenticated handshakes
 * per second with 100 in flight, and server memory per idle authenticated socket (10,000 open). Prints tables, writes
 * bench/results/load-pglite.json (or load-postgresql.json). Loopback only, bounded in time.
 *
 *   npm run bench:load                 # 3 repeats
 *   npm run bench:load -- --repeats 1  # quicker
 *   npm run bench:load -- --rates 100,200 --conversations 100 --skip-idle   # a probe of some steps only
 *   npm run bench:load -- --rates 100 --skip-idle --profile /tmp/profile    # and the backend's CPU profile of each step
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import { median, quantile, round } from './support/stats.js';
import { startBackendProcess, startRelayProcess, type ServerProcess } from './support/backend.js';
import {
  connect,
  IN_FLIGHT,
  ladder,
  passedBeforeFirstFailure,
  pooled,
  sessionToken,
  RATES,
  STEP_MS,
  step,
  sustainedRate,
  UNLIMITED,
  type LoadTarget,
  type Step,
} from './support/load-steps.js';

const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    rates: { type: 'string' },
    conversations: { type: 'string' },
    'skip-idle': { type: 'boolean' },
    profile: { type: 'string' },
  },
});
const REPEATS = Math.max(1, Math.min(10, Number(args.repeats) || 3));
const numbers = (list: string | undefined) =>
  list
    ?.split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
const CONVERSATIONS = numbers(args.conversations) ?? [100, 1000];
const LADDER = numbers(args.rates) ?? RATES;
/** Idle authenticated sockets whose server memory is measured. */
const IDLE_SOCKETS = 10_000;

interface Target extends LoadTarget {
  name: 'relay' | 'backend';
  server: ServerProcess;
  handshakes: { perSecond: number; p99: number };
  /** A new authenticated socket of a new visitor, as the idle-memory measure opens them. */
  openIdle(): Promise<Socket>;
}

async function backendTarget(): Promise<Target> {
  // --profile DIR: a V8 CPU profile of the backend during each measured step is written there (profile-on-signal.mjs).
  const server = args.profile
    ? await startBackendProcess({ ...UNLIMITED, PROFILE_DIR: args.profile }, [
        '--import',
        fileURLToPath(new URL('./support/profile-on-signal.mjs', import.meta.url)),
      ])
    : await startBackendProcess(UNLIMITED);
  const count = Math.max(...CONVERSATIONS);
  const tokens = (await pooled(count, 20, () => sessionToken(server.url, 'sessions/visitor', {}))).results;
  const connected = await pooled(count, IN_FLIGHT, (i) => connect(server.url, { token: tokens[i]!, corp: 'acme' }));
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
  const employee = await connect(server.url, {
    token: await sessionToken(server.url, 'sessions/employee-dev', { employeeId: 'emp_lin' }),
    corp: 'acme',
  });
  const openIdle = async () =>
    connect(server.url, { token: await sessionToken(server.url, 'sessions/visitor', {}), corp: 'acme' });
  const profilePid = args.profile ? server.pid : undefined;
  return {
    name: 'backend',
    server,
    pids: [server.pid],
    profilePid,
    visitors,
    employee,
    handshakes: { perSecond: count / connected.seconds, p99: quantile(connected.times, 0.99) },
    openIdle,
  };
}

async function relayTarget(): Promise<Target> {
  const server = await startRelayProcess();
  const count = Math.max(...CONVERSATIONS);
  const connected = await pooled(count, IN_FLIGHT, () => connect(server.url, { role: 'visitor' }));
  const visitors = connected.results.map((socket) => ({ socket, conversationId: randomUUID() }));
  const employee = await connect(server.url, { role: 'employee' });
  const openIdle = () => connect(server.url, { role: 'visitor' });
  return {
    name: 'relay',
    server,
    pids: [server.pid],
    visitors,
    employee,
    handshakes: { perSecond: count / connected.seconds, p99: quantile(connected.times, 0.99) },
    openIdle,
  };
}

/** Resident memory of a process, bytes. */
const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Server memory per idle authenticated socket: the resident growth once IDLE_SOCKETS more are open and settled. */
async function idleMemory(target: Target): Promise<number> {
  const before = rssBytes(target.server.pid);
  const { results: sockets } = await pooled(IDLE_SOCKETS, IN_FLIGHT, () => target.openIdle());
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = rssBytes(target.server.pid);
  for (const socket of sockets) socket.close();
  return (after - before) / IDLE_SOCKETS;
}

async function main() {
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`load bench: backend on ${engine}, ${REPEATS} repeat(s), steps of ${STEP_MS} ms`);
  const targets = [await relayTarget(), await backendTarget()];
  // A fresh process is slower at first (JIT, the database's caches): one unrecorded step each before measuring.
  for (const target of targets) await step(target, Math.max(...CONVERSATIONS), 100);
  const runs: { repeat: number; target: string; conversations: number; steps: Step[] }[] = [];
  try {
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      for (const conversations of CONVERSATIONS) {
        for (const target of repeat % 2 ? targets : [...targets].reverse()) {
          runs.push({ repeat, target: target.name, conversations, steps: await ladder(target, conversations, LADDER) });
        }
      }
    }
    const summary: Record<string, Record<string, number>> = {};
    for (const target of targets) {
      for (const conversations of CONVERSATIONS) {
        const mine = runs.filter((run) => run.target === target.name && run.conversations === conversations);
        const sustainable = mine.map((run) => sustainedRate(run.steps));
        const at100 = mine.flatMap((run) => run.steps.filter((s) => s.rate === 100));
        summary[`${target.name}, ${conversations} conv`] = {
          'sustainable msg/s (median)': median(sustainable),
          'passed before the first failure (median)': median(mine.map((run) => passedBeforeFirstFailure(run.steps))),
          'peak delivered msg/s (median)': round(
            median(mine.map((run) => Math.max(...run.steps.map((s) => s.deliveredPerSecond)))),
          ),
          'p99 at 100 msg/s (ms)': round(median(at100.map((s) => s.p99))),
          'cores at 100 msg/s': round(median(at100.map((s) => s.cores)), 2),
          'database cores at 100 msg/s': round(median(at100.map((s) => s.databaseCores)), 2),
        };
      }
    }
    const ratio = (conversations: number) =>
      round(
        summary[`backend, ${conversations} conv`]!['sustainable msg/s (median)']! /
          summary[`relay, ${conversations} conv`]!['sustainable msg/s (median)']!,
        3,
      );
    const ratios = Object.fromEntries(CONVERSATIONS.map((conversations) => [conversations, ratio(conversations)]));
    const handshakes = Object.fromEntries(
      targets.map((t) => [t.name, { perSecond: round(t.handshakes.perSecond), p99: round(t.handshakes.p99) }]),
    );
    const idleKilobytesPerSocket: Record<string, number> = {};
    if (!args['skip-idle'])
      for (const target of targets) idleKilobytesPerSocket[target.name] = round((await idleMemory(target)) / 1024, 1);
    console.table(summary);
    console.log(
      `sustainable backend/relay: ${CONVERSATIONS.map((conversations) => `${ratios[conversations]} at ${conversations} conversations`).join(', ')}`,
    );
    console.log(`authenticated handshakes (${IN_FLIGHT} in flight): ${JSON.stringify(handshakes)}`);
    console.log(
      `server memory per idle authenticated socket (${IDLE_SOCKETS} open), KB: ${JSON.stringify(idleKilobytesPerSocket)}`,
    );
    // A probe of some steps is not the bench's figures: only a full ladder is written down.
    if (args.rates || args.conversations || args['skip-idle'] || args.profile) return;
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(
      new URL(`./results/load-${engine.toLowerCase()}.json`, import.meta.url),
      `${JSON.stringify({ date: new Date().toISOString(), engine, repeats: REPEATS, stepMs: STEP_MS, summary, ratio: ratios, handshakes, idleKilobytesPerSocket, runs }, null, 2)}\n`,
    );
  } finally {
    for (const target of targets) {
      for (const { socket } of target.visitors) socket.close();
      target.employee.close();
      await target.server.stop();
    }
  }
}

await main();
