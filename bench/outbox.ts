/**
 * What queuing a message offline costs as the outbox grows: 1,000 messages queued in Debian Chromium's localStorage,
 * each followed by the listing the chat window renders from (what `client.send()` does). The outbox as shipped
 * against the one before it (one array rewritten per send; from git, BASELINE below), interleaved, 3 runs each.
 * Prints per-send p50/p99 for the first and the last 100 sends and writes bench/results/outbox.json.
 *
 *   npm run bench:outbox
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../test/support/chromium.js';
import { quantile, round } from './support/stats.js';

const round3 = (value: number) => round(value, 3);

/** The last commit with the outbox that rewrote one array per change. */
const BASELINE = 'e8ff669';
const MESSAGES = 1000;
const RUNS = 3;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The page: both outboxes, and a function that queues `count` messages with one and times each send. */
const PAGE_SCRIPT = `
import { Outbox as Current } from './src/client/outbox.ts';
import { Outbox as Baseline } from 'outbox-baseline';
window.queue = (which, count) => {
  localStorage.clear();
  const Outbox = which === 'current' ? Current : Baseline;
  const outbox = new Outbox(localStorage, 'ix-outbox:http://backend.test:acme');
  const conversation = crypto.randomUUID();
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    outbox.add(conversation, { kind: 'text', body: { text: 'Message ' + i + ': is my order on its way?' } }, 'visitor:c1');
    outbox.entries();
    times.push(performance.now() - started);
  }
  const left = outbox.entries().length;
  localStorage.clear();
  return { times, left };
};
`;

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'ix-bench-outbox-'));
  const baselineSource = execFileSync('git', ['show', `${BASELINE}:src/client/outbox.ts`], {
    cwd: root,
    encoding: 'utf8',
  });
  const bundled = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    plugins: [
      {
        name: 'outbox-baseline',
        setup(builder) {
          builder.onResolve({ filter: /^outbox-baseline$/ }, () => ({
            path: 'outbox-baseline',
            namespace: 'baseline',
          }));
          // Resolved beside the current one, so it imports the same protocol and storage modules.
          builder.onLoad({ filter: /.*/, namespace: 'baseline' }, () => ({
            contents: baselineSource,
            loader: 'ts',
            resolveDir: join(root, 'src/client'),
          }));
        },
      },
    ],
  });
  const script = bundled.outputFiles[0]!.text;
  // localStorage needs an origin: a page on loopback.
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>outbox</title><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir: join(work, 'profile'),
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => 'queue' in window);
    const samples: Record<'current' | 'baseline', { first: number[]; last: number[]; totals: number[] }> = {
      current: { first: [], last: [], totals: [] },
      baseline: { first: [], last: [], totals: [] },
    };
    for (let run = 0; run < RUNS; run++) {
      for (const which of ['current', 'baseline'] as const) {
        const { times, left } = await page.evaluate(
          (name, count) =>
            (window as unknown as { queue(n: string, c: number): { times: number[]; left: number } }).queue(
              name,
              count,
            ),
          which,
          MESSAGES,
        );
        if (left !== MESSAGES) throw new Error(`${which}: ${left} of ${MESSAGES} messages queued`);
        samples[which].first.push(...times.slice(0, 100));
        samples[which].last.push(...times.slice(-100));
        samples[which].totals.push(times.reduce((sum, time) => sum + time, 0));
        console.log(
          `${which.padEnd(8)} run ${run + 1}: ${MESSAGES} sends in ${Math.round(samples[which].totals.at(-1)!)} ms`,
        );
      }
    }
    const summary = Object.fromEntries(
      Object.entries(samples).map(([which, { first, last, totals }]) => [
        which,
        {
          'first 100 p50 (ms)': round3(quantile(first, 0.5)),
          'last 100 p50 (ms)': round3(quantile(last, 0.5)),
          'last 100 p99 (ms)': round3(quantile(last, 0.99)),
          [`${MESSAGES} sends, median total (ms)`]: Math.round(quantile(totals, 0.5)),
        },
      ]),
    );
    console.table(summary);
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(
      join(root, 'bench/results/outbox.json'),
      `${JSON.stringify({ date: new Date().toISOString(), messages: MESSAGES, runs: RUNS, baseline: BASELINE, summary }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    server.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
