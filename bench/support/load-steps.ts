/**
 * The load bench's measuring parts, shared by `bench/load.ts` (one node against the relay) and `bench/scale.ts` (one,
 * two, three nodes): open-loop steps at a fixed rate, and the ladder of rates that finds what a target sustains.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { quantile, round } from './stats.js';

export const STEP_MS = 4000;
const TICK_MS = 5;
const DRAIN_MS = 15_000;
const SUSTAINABLE_P99_MS = 50;
export const IN_FLIGHT = 100;
/** Steps of about ×1.5 (and the targets' 1,000 and 2,000): a sustainable rate is known to within a step. */
export const RATES = [
  25, 50, 100, 200, 300, 400, 600, 800, 1000, 1200, 1600, 2000, 2400, 3200, 4800, 6400, 9600, 12800,
];

/** Everything the backend would refuse a load test for is lifted: this measures the path, not the limits. */
export const UNLIMITED = Object.fromEntries(
  [
    'RATE_LIMIT_PER_SECOND',
    'RATE_LIMIT_BURST',
    'MESSAGE_RATE_LIMIT_PER_SECOND',
    'MESSAGE_RATE_LIMIT_BURST',
    'CONVERSATION_RATE_LIMIT_PER_SECOND',
    'CONVERSATION_RATE_LIMIT_BURST',
    'SESSION_RATE_LIMIT_PER_MINUTE',
    'SOCKETS_PER_PERSON',
    'SOCKETS_PER_ADDRESS',
  ].map((name) => [name, '1000000']),
);

/** What a step sends to and measures: visitors (each in a conversation), one employee receiving every push. */
export interface LoadTarget {
  name: string;
  /** The processes whose CPU is the target's (its node or nodes, and a Redis it brought). */
  pids: number[];
  visitors: { socket: Socket; conversationId: string }[];
  employee: Socket;
  /** A process to signal (SIGUSR2) around each step for a CPU profile of that step alone. */
  profilePid?: number | undefined;
  /** The target's Redis (also in `pids`), whose CPU a step reports on its own too. */
  redisPid?: number | undefined;
}

/** CPU seconds a process has used (Linux: utime + stime from /proc, in clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of each PostgreSQL process on this machine (the bench's database is a local server), by pid. */
export function databaseCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  if (!process.env.DATABASE_URL) return byPid;
  for (const pid of readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(pid, cpuSeconds(pid));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** What PostgreSQL's processes spent since `before` (a connection opened meanwhile counts from its start). */
export const databaseCpuSince = (before: Map<number, number>) =>
  [...databaseCpu()].reduce((total, [pid, seconds]) => total + seconds - (before.get(pid) ?? 0), 0);

/** A session token from the backend at `base` (the demo company's `sessions/visitor` or `sessions/employee-dev`). */
export async function sessionToken(base: string, path: string, body: unknown = {}): Promise<string> {
  const response = await fetch(`${base}/api/corps/acme/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Runs `jobs` with at most `limit` at a time; returns each job's duration. */
export async function pooled<T>(
  count: number,
  limit: number,
  job: (index: number) => Promise<T>,
): Promise<{ results: T[]; times: number[]; seconds: number }> {
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

export interface Step {
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
  /** The target's Redis alone (also counted in `cores`); 0 without one. */
  redisCores: number;
  /** This bench's own process: the load's clients share the machine's 2 cores with what they measure. */
  clientCores: number;
  lost: number;
  duplicated: number;
  reordered: number;
  failedAcks: number;
  sustainable: boolean;
}

/** Sends at `rate` msg/s for STEP_MS over the first `conversations` visitors, then waits for every answer and push. */
export async function step(target: LoadTarget, conversations: number, rate: number): Promise<Step> {
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
  const { profilePid } = target;
  if (profilePid) process.kill(profilePid, 'SIGUSR2');
  const targetCpu = () => target.pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  const cpuBefore = targetCpu();
  const redisCpuBefore = target.redisPid ? cpuSeconds(target.redisPid) : 0;
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
          .emitWithAck('message:send', {
            conversationId: visitor.conversationId,
            clientId,
            content: { kind: 'text', body: { text: `Load ${sent}` } },
          })
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
  while ((seen.size < sent || acked + failedAcks < sent) && performance.now() < drainUntil)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  const cores = (targetCpu() - cpuBefore) / seconds;
  const redisCores = target.redisPid ? (cpuSeconds(target.redisPid) - redisCpuBefore) / seconds : 0;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  if (profilePid) process.kill(profilePid, 'SIGUSR2');
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
    redisCores,
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
export async function ladder(
  target: LoadTarget,
  conversations: number,
  rates: readonly number[] = RATES,
): Promise<Step[]> {
  const steps: Step[] = [];
  for (const rate of rates) {
    const result = await step(target, conversations, rate);
    steps.push(result);
    console.log(
      `  ${target.name.padEnd(9)} ${String(conversations).padStart(4)} conv ${String(rate).padStart(5)} msg/s: delivered ${round(result.deliveredPerSecond)}/s, ` +
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
export const sustainedRate = (steps: Step[]) => Math.max(0, ...steps.filter((s) => s.sustainable).map((s) => s.rate));
/** The stricter reading: the highest rate before the first that failed. */
export const passedBeforeFirstFailure = (steps: Step[]) => {
  const firstFailure = steps.findIndex((s) => !s.sustainable);
  return firstFailure === -1 ? steps.at(-1)!.rate : firstFailure === 0 ? 0 : steps[firstFailure - 1]!.rate;
};
