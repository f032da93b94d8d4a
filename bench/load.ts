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
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { median, quantile, round } from './support/stats.js';
import { startBackendProcess, startRelayProcess, type ServerProcess } from './support/backend.js';

const { values: args } = parseArgs({
  options: { repeats: { type: 'string', default: '3' }, rates: { type: 'string' }, conversations: { type: 'string' }, 'skip-idle': { type: 'boolean' }, profile: { type: 'string' } },
});
const REPEATS = Math.max(1, Math.min(10, Number(args.repeats) || 3));
const numbers = (list: string | undefined) => list?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const CONVERSATIONS = numbers(args.conversations) ?? [100, 1000];
// Steps of about ×1.5 (and the targets' 1,000 and 2,000): a sustainable rate is known to within a step.
const RATES = numbers(args.rates) ?? [25, 50, 100, 200, 300, 400, 600, 800, 1000, 1200, 1600, 2000, 2400, 3200, 4800, 6400, 9600, 12800];
const STEP_MS = 4000;
const TICK_MS = 5;
const DRAIN_MS = 15_000;
const SUSTAINABLE_P99_MS = 50;
const IN_FLIGHT = 100;
/** Idle authenticated sockets whose server memory is measured. */
const IDLE_SOCKETS = 10_000;

/** Everything the backend would refuse a load test for is lifted: this measures the path, not the limits. */
const UNLIMITED = Object.fromEntries(
  ['RATE_LIMIT_PER_SECOND', 'RATE_LIMIT_BURST', 'MESSAGE_RATE_LIMIT_PER_SECOND', 'MESSAGE_RATE_LIMIT_BURST', 'CONVERSATION_RATE_LIMIT_PER_SECOND',
    'CONVERSATION_RATE_LIMIT_BURST', 'SESSION_RATE_LIMIT_PER_MINUTE', 'SOCKETS_PER_PERSON', 'SOCKETS_PER_ADDRESS'].map((name) => [name, '1000000']),
);


/** CPU seconds a process has used (Linux: utime + stime from /proc, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of each PostgreSQL process on this machine (the bench's database is a local server), by pid. */
function databaseCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  if (!process.env.DATABASE_URL) return byPid;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(pid, cpuSeconds(pid));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** What PostgreSQL's processes spent since `before` (a connection opened meanwhile counts from its start). */
const databaseCpuSince = (before: Map<number, number>) =>
  [...databaseCpu()].reduce((total, [pid, seconds]) => total + seconds - (before.get(pid) ?? 0), 0);

interface Target {
  name: 'relay' | 'backend';
  server: ServerProcess;
  visitors: { socket: Socket; conversationId: string }[];
  employee: Socket;
  handshakes: { perSecond: number; p99: number };
  /** A new authenticated socket of a new visitor, as the idle-memory measure opens them. */
  openIdle(): Promise<Socket>;
}

function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Runs `jobs` with at most `limit` at a time; returns each job's duration. */
async function pooled<T>(count: number, limit: number, job: (index: number) => Promise<T>): Promise<{ results: T[]; times: number[]; seconds: number }> {
  const results: T[] = new Array(count);
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const index = next++;
        const begun = performance.now();
        results[index] = await job(index);
        times.push(performance.now() - begun);
      }
    }),
  );
  return { results, times, seconds: (performance.now() - started) / 1000 };
}

async function backendTarget(): Promise<Target> {
  // --profile DIR: a V8 CPU profile of the backend during each measured step is written there (profile-on-signal.mjs).
  const server = args.profile
    ? await startBackendProcess({ ...UNLIMITED, PROFILE_DIR: args.profile }, ['--import', fileURLToPath(new URL('./support/profile-on-signal.mjs', import.meta.url))])
    : await startBackendProcess(UNLIMITED);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}/api/corps/acme/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };
  const count = Math.max(...CONVERSATIONS);
  const tokens = (await pooled(count, 20, () => post('sessions/visitor', {}))).results;
  const connected = await pooled(count, IN_FLIGHT, (i) => connect(server.url, { token: tokens[i]!, corp: 'acme' }));
  const visitors = await Promise.all(
    connected.results.map(async (socket) => {
      const opened = (await socket.timeout(30_000).emitWithAck('conversation:open', { createNew: true })) as { ok: boolean; data: { id: string } };
      if (!opened.ok) throw new Error('conversation:open refused');
      return { socket, conversationId: opened.data.id };
    }),
  );
  const employee = await connect(server.url, { token: await post('sessions/employee-dev', { employeeId: 'emp_lin' }), corp: 'acme' });
  const openIdle = async () => connect(server.url, { token: await post('sessions/visitor', {}), corp: 'acme' });
  return { name: 'backend', server, visitors, employee, handshakes: { perSecond: count / connected.seconds, p99: quantile(connected.times, 0.99) }, openIdle };
}

async function relayTarget(): Promise<Target> {
  const server = await startRelayProcess();
  const count = Math.max(...CONVERSATIONS);
  const connected = await pooled(count, IN_FLIGHT, () => connect(server.url, { role: 'visitor' }));
  const visitors = connected.results.map((socket) => ({ socket, conversationId: randomUUID() }));
  const employee = await connect(server.url, { role: 'employee' });
  const openIdle = () => connect(server.url, { role: 'visitor' });
  return { name: 'relay', server, visitors, employee, handshakes: { perSecond: count / connected.seconds, p99: quantile(connected.times, 0.99) }, openIdle };
}

/** Resident memory of a process, bytes. */
const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Server memory per idle authenticated socket: the resident growth once IDLE_SOCKETS more are open and settled. */
async function idleMemory(target: Target): Promise<number> {
  const before = rssBytes(target.server.pid);
  const { results: sockets } = await pooled(IDLE_SOCKETS, IN_FLIGHT, () => target.openIdle());
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = rssBytes(target.server.pid);
  for (const socket of sockets) socket.close();
  return (after - before) / IDLE_SOCKETS;
}

interface Step {
  rate: number;
  delivered: number;
  deliveredPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  ackP99: number;
  cores: number;
  /** PostgreSQL's processes (when DATABASE_URL is set); PGlite works inside the backend's process, in `cores`. */
  databaseCores: number;
  /** This bench's own process: the load's clients share the machine's 2 cores with what they measure. */
  clientCores: number;
  lost: number;
  duplicated: number;
  reordered: number;
  failedAcks: number;
  sustainable: boolean;
}

/** Sends at `rate` msg/s for STEP_MS over the first `conversations` visitors, then waits for every answer and push. */
async function step(target: Target, conversations: number, rate: number): Promise<Step> {
  const sentAt = new Map<string, number>();
  const pushLatency: number[] = [];
  const ackLatency: number[] = [];
  const seen = new Set<string>();
  const lastSeq = new Map<string, number>();
  let duplicated = 0;
  let reordered = 0;
  let failedAcks = 0;
  let acked = 0;
  let lastDelivery = 0;
  const onPush = ({ message }: { message: { clientId: string | null; conversationId: string; seq: number } }) => {
    const sent = message.clientId ? sentAt.get(message.clientId) : undefined;
    if (sent === undefined) return; // not this step's
    if (seen.has(message.clientId!)) return void duplicated++;
    seen.add(message.clientId!);
    lastDelivery = performance.now();
    pushLatency.push(lastDelivery - sent);
    if (message.seq <= (lastSeq.get(message.conversationId) ?? 0)) reordered++;
    lastSeq.set(message.conversationId, message.seq);
  };
  target.employee.on('message:new', onPush);
  const profiling = args.profile && target.name === 'backend';
  if (profiling) process.kill(target.server.pid, 'SIGUSR2');
  const cpuBefore = cpuSeconds(target.server.pid);
  const clientCpuBefore = process.cpuUsage();
  const databaseCpuBefore = databaseCpu();
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(Math.floor((rate * Math.min(elapsed, STEP_MS)) / 1000), Math.floor((rate * STEP_MS) / 1000));
      for (; sent < due; sent++) {
        const visitor = target.visitors[sent % conversations]!;
        const clientId = randomUUID();
        const at = performance.now();
        sentAt.set(clientId, at);
        visitor.socket
          .timeout(DRAIN_MS)
          .emitWithAck('message:send', { conversationId: visitor.conversationId, clientId, content: { kind: 'text', body: { text: `Load ${sent}` } } })
          .then(
            (ack: { ok: boolean }) => (ack.ok ? (acked++, ackLatency.push(performance.now() - at)) : failedAcks++),
            () => failedAcks++,
          );
      }
      if (elapsed >= STEP_MS) {
        clearInterval(timer);
        done();
      }
    }, TICK_MS);
  });
  // Bounded drain: every ack and push, or DRAIN_MS.
  const drainUntil = performance.now() + DRAIN_MS;
  while ((seen.size < sent || acked + failedAcks < sent) && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  const cores = (cpuSeconds(target.server.pid) - cpuBefore) / seconds;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  if (profiling) process.kill(target.server.pid, 'SIGUSR2');
  const clientCores = (clientCpu.user + clientCpu.system) / 1e6 / seconds;
  const databaseCores = databaseCpuSince(databaseCpuBefore) / seconds;
  target.employee.off('message:new', onPush);
  const lost = sent - seen.size;
  const p99 = quantile(pushLatency, 0.99);
  return {
    rate,
    delivered: seen.size,
    deliveredPerSecond: seen.size / (((lastDelivery || performance.now()) - started) / 1000),
    p50: quantile(pushLatency, 0.5),
    p95: quantile(pushLatency, 0.95),
    p99,
    ackP99: quantile(ackLatency, 0.99),
    cores,
    databaseCores,
    clientCores,
    lost,
    duplicated,
    reordered,
    failedAcks,
    sustainable: lost === 0 && failedAcks === 0 && duplicated === 0 && reordered === 0 && p99 <= SUSTAINABLE_P99_MS,
  };
}

/**
 * Climbs the ladder until the target cannot serve a rate (under 80 % of it delivered) or fails two rates in a row (a
 * single stall can fail one step below rates that pass): the sustainable rate is the most that passed, the peak the
 * most delivered.
 */
async function ladder(target: Target, conversations: number): Promise<Step[]> {
  const steps: Step[] = [];
  for (const rate of RATES) {
    const result = await step(target, conversations, rate);
    steps.push(result);
    console.log(
      `  ${target.name.padEnd(7)} ${String(conversations).padStart(4)} conv ${String(rate).padStart(5)} msg/s: delivered ${round(result.deliveredPerSecond)}/s, ` +
        `p50 ${round(result.p50)} p99 ${round(result.p99)} ack p99 ${round(result.ackP99)} ms, ${round(result.cores, 2)} cores` +
        `${process.env.DATABASE_URL ? ` + ${round(result.databaseCores, 2)} database` : ''} (clients ${round(result.clientCores, 2)}), ` +
        `lost ${result.lost} dup ${result.duplicated} reordered ${result.reordered}${result.sustainable ? '' : '  ← not sustainable'}`,
    );
    const twoFailedInARow = steps.length >= 2 && steps.slice(-2).every((s) => !s.sustainable);
    if (twoFailedInARow || result.deliveredPerSecond < 0.8 * rate) break;
  }
  return steps;
}

/** The most msg/s that passed (every message acked and pushed once, in order, push p99 ≤ 50 ms). */
const sustainedRate = (steps: Step[]) => Math.max(0, ...steps.filter((s) => s.sustainable).map((s) => s.rate));
/** The stricter reading: the highest rate before the first that failed. */
const passedBeforeFirstFailure = (steps: Step[]) => {
  const firstFailure = steps.findIndex((s) => !s.sustainable);
  return firstFailure === -1 ? steps.at(-1)!.rate : firstFailure === 0 ? 0 : steps[firstFailure - 1]!.rate;
};

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
          runs.push({ repeat, target: target.name, conversations, steps: await ladder(target, conversations) });
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
          'peak delivered msg/s (median)': round(median(mine.map((run) => Math.max(...run.steps.map((s) => s.deliveredPerSecond))))),
          'p99 at 100 msg/s (ms)': round(median(at100.map((s) => s.p99))),
          'cores at 100 msg/s': round(median(at100.map((s) => s.cores)), 2),
          'database cores at 100 msg/s': round(median(at100.map((s) => s.databaseCores)), 2),
        };
      }
    }
    const ratio = (conversations: number) =>
      round(summary[`backend, ${conversations} conv`]!['sustainable msg/s (median)']! / summary[`relay, ${conversations} conv`]!['sustainable msg/s (median)']!, 3);
    const ratios = Object.fromEntries(CONVERSATIONS.map((conversations) => [conversations, ratio(conversations)]));
    const handshakes = Object.fromEntries(targets.map((t) => [t.name, { perSecond: round(t.handshakes.perSecond), p99: round(t.handshakes.p99) }]));
    const idleKilobytesPerSocket: Record<string, number> = {};
    if (!args['skip-idle']) for (const target of targets) idleKilobytesPerSocket[target.name] = round((await idleMemory(target)) / 1024, 1);
    console.table(summary);
    console.log(`sustainable backend/relay: ${CONVERSATIONS.map((conversations) => `${ratios[conversations]} at ${conversations} conversations`).join(', ')}`);
    console.log(`authenticated handshakes (${IN_FLIGHT} in flight): ${JSON.stringify(handshakes)}`);
    console.log(`server memory per idle authenticated socket (${IDLE_SOCKETS} open), KB: ${JSON.stringify(idleKilobytesPerSocket)}`);
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
