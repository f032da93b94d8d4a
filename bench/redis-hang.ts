/**
 * A Redis that hangs: one backend node (its own process, PGlite) with Redis, visitors sending at a steady rate, and
 * the send's ack time measured with Redis healthy and with Redis frozen (SIGSTOP), in interleaved phases of the same
 * run. The node's breaker should make the frozen phases cost about what the healthy ones do (the issue's goal: p99
 * within 2×); without it every send waited on three limit commands' timeouts.
 *
 *   npm run bench:redis-hang            # 3 rounds of a healthy and a frozen phase
 *
 * Writes bench/results/redis-hang.json. Loopback only, bounded in time (each phase PHASE_MS at RATE msg/s).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startRedisServer } from '../server/test/support/redis-server.js';
import { startBackendProcess } from './support/backend.js';
import { connect, pooled, sessionToken, UNLIMITED } from './support/load-steps.js';
import { median, quantile, round } from './support/stats.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const ROUNDS = Math.max(1, Math.min(5, Number(args.rounds) || 3));
const VISITORS = 20;
const RATE = 50;
const PHASE_MS = 20_000;

const redis = await startRedisServer();
const node = await startBackendProcess({ ...UNLIMITED, REDIS_URL: redis.url });
const visitors = (
  await pooled(VISITORS, 5, async () => {
    const socket = await connect(node.url, { token: await sessionToken(node.url, 'sessions/visitor'), corp: 'acme' });
    const opened = (await socket.timeout(30_000).emitWithAck('conversation:open', { createNew: true })) as {
      data: { id: string };
    };
    return { socket, conversationId: opened.data.id };
  })
).results;

const degraded = async () => ((await (await fetch(`${node.url}/ready`)).json()) as { degraded: boolean }).degraded;

/** Sends at RATE for PHASE_MS, round-robin over the visitors; each send's ack time in ms. */
async function phase(): Promise<number[]> {
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let sent = 0; performance.now() - started < PHASE_MS; sent++) {
    const due = started + (sent * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { socket, conversationId } = visitors[sent % VISITORS]!;
    const begun = performance.now();
    pending.push(
      socket
        .timeout(30_000)
        .emitWithAck('message:send', {
          conversationId,
          clientId: crypto.randomUUID(),
          content: { kind: 'text', body: { text: `m${sent}` } },
        })
        .then((ack: { ok: boolean }) => {
          if (!ack.ok) throw new Error('a send was refused');
          times.push(performance.now() - begun);
        }),
    );
  }
  await Promise.all(pending);
  return times;
}

const summary = (times: number[]) => ({
  sends: times.length,
  p50: round(quantile(times, 0.5), 2),
  p99: round(quantile(times, 0.99), 2),
  max: round(Math.max(...times), 1),
});

const rounds: Array<{ healthy: ReturnType<typeof summary>; frozen: ReturnType<typeof summary> }> = [];
try {
  await phase(); // warm-up: JIT, pools, the first statements
  for (let round = 1; round <= ROUNDS; round++) {
    const healthy = summary(await phase());
    redis.pause();
    let frozen;
    try {
      frozen = summary(await phase());
    } finally {
      redis.resume();
    }
    // The probe closes the breaker before the next healthy phase.
    for (let i = 0; i < 200 && (await degraded()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    rounds.push({ healthy, frozen });
    console.log(`round ${round}: healthy`, healthy, 'frozen', frozen);
  }
} finally {
  for (const { socket } of visitors) socket.close();
  await node.stop();
  await redis.stop();
}

const result = {
  date: new Date().toISOString(),
  rate: RATE,
  phaseMs: PHASE_MS,
  rounds,
  median: {
    healthyP99: median(rounds.map((r) => r.healthy.p99)),
    frozenP99: median(rounds.map((r) => r.frozen.p99)),
    p99Ratio: round(median(rounds.map((r) => r.frozen.p99 / r.healthy.p99)), 2),
  },
};
console.log('median p99 (ms): healthy', result.median.healthyP99, 'frozen', result.median.frozenP99);
console.log('frozen / healthy p99:', result.median.p99Ratio, '(goal: at most 2)');
await mkdir(new URL('results/', import.meta.url), { recursive: true });
await writeFile(new URL('results/redis-hang.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
