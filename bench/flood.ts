/**
 * One customer floods `message:send` from every socket it can open; do other customers notice? Victims send at a
 * steady pace while unloaded and flooded phases alternate (repeated, interleaved); their acknowledgement times are
 * compared as a ratio (flooded p99 / unloaded p99, target ≤ 2). The backend runs in its own process with its default
 * limits, as `npm start` does. Loopback only, bounded in time. Prints a table and writes bench/results/flood.json.
 *
 *   npm run bench:flood
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../src/protocol/index.js';
import { median, quantile, round } from './support/stats.js';
import { startBackendProcess } from './support/backend.js';

const REPEATS = 3;
const PHASE_MS = 8000;
const VICTIMS = 5;
/** Each victim's pace: well inside the per-person message limit (5/s by default). */
const VICTIM_INTERVAL_MS = 250;
/** Sockets the attacker tries to open with one token, and the events per second it sends over them. */
const ATTACKER_SOCKETS = 50;
const FLOOD_PER_SECOND = 2000;
const TICK_MS = 10;

async function visitorToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/corps/acme/sessions/visitor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`visitor session: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, {
    auth: { token, corp: 'acme' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

const emit = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(30_000).emitWithAck(event, payload) as Promise<Ack<any>>;

async function openConversation(socket: Socket): Promise<string> {
  const opened = await emit(socket, 'conversation:open', { createNew: true });
  if (!opened.ok) throw new Error(`conversation:open: ${opened.error.message}`);
  return opened.data.id as string;
}

const textMessage = (conversationId: string, text: string) => ({
  conversationId,
  clientId: randomUUID(),
  content: { kind: 'text', body: { text } },
});

async function main() {
  const backend = await startBackendProcess();
  const sockets: Socket[] = [];
  try {
    const victims = await Promise.all(
      Array.from({ length: VICTIMS }, async () => {
        const socket = await connect(backend.url, await visitorToken(backend.url));
        sockets.push(socket);
        return { socket, conversationId: await openConversation(socket) };
      }),
    );
    const attackerToken = await visitorToken(backend.url);
    const attempts = await Promise.allSettled(
      Array.from({ length: ATTACKER_SOCKETS }, () => connect(backend.url, attackerToken)),
    );
    const attackerSockets = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
    sockets.push(...attackerSockets);
    const attackerConversation = await openConversation(attackerSockets[0]!);

    const phases: {
      kind: 'unloaded' | 'flooded';
      acks: number[];
      failures: number;
      flood?: { sent: number; accepted: number; refused: number; other: number };
    }[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      for (const kind of ['unloaded', 'flooded'] as const) {
        const acks: number[] = [];
        let failures = 0;
        const inFlight: Promise<unknown>[] = [];
        const victimTimer = setInterval(() => {
          for (const victim of victims) {
            const started = performance.now();
            inFlight.push(
              emit(victim.socket, 'message:send', textMessage(victim.conversationId, 'Is my order on its way?')).then(
                (ack) => (ack.ok ? acks.push(performance.now() - started) : failures++),
                () => failures++,
              ),
            );
          }
        }, VICTIM_INTERVAL_MS);
        const flood = { sent: 0, accepted: 0, refused: 0, other: 0 };
        let floodTimer: NodeJS.Timeout | undefined;
        if (kind === 'flooded') {
          let next = 0;
          floodTimer = setInterval(() => {
            for (let i = 0; i < (FLOOD_PER_SECOND * TICK_MS) / 1000; i++) {
              const socket = attackerSockets[next++ % attackerSockets.length]!;
              flood.sent++;
              inFlight.push(
                emit(socket, 'message:send', textMessage(attackerConversation, 'spam')).then(
                  (ack) =>
                    ack.ok ? flood.accepted++ : ack.error.code === 'rate_limited' ? flood.refused++ : flood.other++,
                  () => flood.other++,
                ),
              );
            }
          }, TICK_MS);
        }
        await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
        clearInterval(victimTimer);
        clearInterval(floodTimer);
        // Every answer is in before the next phase starts (each has its own 30 s timeout).
        await Promise.allSettled(inFlight);
        phases.push({ kind, acks, failures, ...(kind === 'flooded' ? { flood } : {}) });
        console.log(
          `${kind.padEnd(8)} #${repeat + 1}: victims' ack p50 ${round(median(acks))} ms, p99 ${round(quantile(acks, 0.99))} ms (${acks.length} acks, ${failures} failed)` +
            (kind === 'flooded'
              ? `; flood sent ${flood.sent}, accepted ${flood.accepted}, rate_limited ${flood.refused}, other ${flood.other}`
              : ''),
        );
      }
    }

    const pooled = (kind: string) => phases.filter((phase) => phase.kind === kind).flatMap((phase) => phase.acks);
    const p99s = (kind: string) =>
      phases.filter((phase) => phase.kind === kind).map((phase) => quantile(phase.acks, 0.99));
    const ratios = p99s('flooded').map((p99, i) => p99 / p99s('unloaded')[i]!);
    const floods = phases.flatMap((phase) => (phase.flood ? [phase.flood] : []));
    const results = {
      date: new Date().toISOString(),
      settings: {
        repeats: REPEATS,
        phaseMs: PHASE_MS,
        victims: VICTIMS,
        victimIntervalMs: VICTIM_INTERVAL_MS,
        floodPerSecond: FLOOD_PER_SECOND,
      },
      attackerSockets: { tried: ATTACKER_SOCKETS, accepted: attackerSockets.length },
      unloaded: {
        p50: round(median(pooled('unloaded'))),
        p99: round(quantile(pooled('unloaded'), 0.99)),
        perRepeatP99: p99s('unloaded').map((v) => round(v)),
      },
      flooded: {
        p50: round(median(pooled('flooded'))),
        p99: round(quantile(pooled('flooded'), 0.99)),
        perRepeatP99: p99s('flooded').map((v) => round(v)),
      },
      p99Ratio: { median: round(median(ratios), 2), perRepeat: ratios.map((r) => round(r, 2)) },
      victimFailures: phases.reduce((sum, phase) => sum + phase.failures, 0),
      attackerStoredPerSecond: round(
        floods.reduce((sum, flood) => sum + flood.accepted, 0) / ((floods.length * PHASE_MS) / 1000),
      ),
      flood: floods,
    };
    console.table({
      unloaded: { 'ack p50 (ms)': results.unloaded.p50, 'ack p99 (ms)': results.unloaded.p99 },
      flooded: { 'ack p50 (ms)': results.flooded.p50, 'ack p99 (ms)': results.flooded.p99 },
    });
    console.log(
      `flooded/unloaded p99, median of ${REPEATS} interleaved pairs: ${results.p99Ratio.median} (target ≤ 2); ` +
        `attacker: ${results.attackerSockets.accepted} of ${ATTACKER_SOCKETS} sockets, ${results.attackerStoredPerSecond} messages stored per second`,
    );
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(new URL('./results/flood.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    for (const socket of sockets) socket.close();
    await backend.stop();
  }
}

await main();
