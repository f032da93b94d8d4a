/**
 * Kit figures: first-load bytes of each element alone (gzipped, lit included), the time
 * from `open()` to visible history on loopback (median of 20 page loads), and the DOM size of a window holding
 * 10,000 messages. Prints a table and writes bench/results/chat.json.
 *
 *   npm run bench
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { buildCdn, CDN_ENTRIES, entrySizes } from '../scripts/bundles.js';
import { visitorKeyName } from '../src/client/storage.js';
import { CHROMIUM_ARGS, chromiumPath } from '../test/support/chromium.js';
import { startHarness } from '@interop-kit/server/testing';

const RUNS = 20;
const HISTORY = 10_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'ix-bench-'));
  try {
    // Sizes: each element's first load alone (what a page with only that element downloads before interaction).
    const sizesDir = join(work, 'sizes');
    const { all: _all, ...elements } = CDN_ENTRIES;
    const elementBytes = await entrySizes(await buildCdn(sizesDir, elements), elements);

    // A page served by the backend, as a company site would load the kit.
    const site = join(work, 'site');
    await buildCdn(site, { all: 'src/index.ts' });
    await writeFile(
      join(site, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script type="module" src="./all.js"></script></head>
       <body><ix-launcher endpoint="/" corp="acme"></ix-launcher></body></html>`,
    );
    const harness = await startHarness({ staticDir: site });
    const browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      userDataDir: join(work, 'profile'),
      args: CHROMIUM_ARGS,
    });
    try {
      // A returning visitor with a conversation of 10,000 messages.
      const { visitorKey } = await harness.seedHistory(HISTORY);
      const storageKey = visitorKeyName(harness.server.url, 'acme');

      const page = await browser.newPage();
      await page.evaluateOnNewDocument(
        (key: string, value: string) => localStorage.setItem(key, value),
        storageKey,
        visitorKey,
      );
      const openTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await page.goto(`${harness.server.url}/index.html`, { waitUntil: 'load' });
        openTimes.push(
          await page.evaluate(async () => {
            await customElements.whenDefined('ix-launcher');
            const launcher = document.querySelector('ix-launcher') as HTMLElement & { open(): void };
            const started = performance.now();
            launcher.open();
            for (;;) {
              const chat = launcher.shadowRoot?.querySelector('ix-chat-window');
              if (chat?.shadowRoot?.querySelector('.message[data-seq]')) return performance.now() - started;
              await new Promise(requestAnimationFrame);
            }
          }),
        );
      }

      // Every one of the 10,000 messages loaded into the window: how big does its DOM get?
      const dom = await page.evaluate(async () => {
        const launcher = document.querySelector('ix-launcher')!;
        const chat = launcher.shadowRoot!.querySelector('ix-chat-window') as HTMLElement & {
          feed: { loadAll(): Promise<void>; messages: readonly unknown[] };
          updateComplete: Promise<boolean>;
        };
        await chat.feed.loadAll();
        await chat.updateComplete;
        const log = chat.shadowRoot!.querySelector('.messages')!;
        // Scroll to the very top and back, as a reader going through all of it would.
        for (let i = 0; i < 300 && log.scrollTop > 0; i++) {
          log.scrollTop = 0;
          log.dispatchEvent(new Event('scroll'));
          await chat.updateComplete;
        }
        return {
          messages: chat.feed.messages.length,
          nodesInWindow: chat.shadowRoot!.querySelectorAll('*').length,
          renderedRows: chat.shadowRoot!.querySelectorAll('.message').length,
        };
      });

      const results = {
        date: new Date().toISOString(),
        machine: `${process.platform} ${process.arch}, node ${process.version}`,
        bytesGzip: elementBytes,
        openToHistoryMs: {
          median: Math.round(median(openTimes)),
          first: Math.round(openTimes[0]!),
          runs: openTimes.map(Math.round),
        },
        tenThousandMessages: dom,
      };
      console.table({
        ...Object.fromEntries(
          Object.entries(elementBytes).map(([name, { firstLoad, toTalk }]) => [
            `${name}: first load / until it talks (B gzip, lit included)`,
            `${firstLoad} / ${toTalk}`,
          ]),
        ),
        [`open() → history visible, median of ${RUNS}`]: `${results.openToHistoryMs.median} ms (first ${results.openToHistoryMs.first} ms)`,
        [`DOM with ${dom.messages} messages loaded`]: `${dom.nodesInWindow} nodes, ${dom.renderedRows} rows rendered`,
      });
      await mkdir('bench/results', { recursive: true });
      await writeFile('bench/results/chat.json', `${JSON.stringify(results, null, 2)}\n`);
    } finally {
      await browser.close();
      await harness.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
