/**
 * Size budgets of the CDN build, checked by `npm test` (issue #6): each entry's first load — the module and what it
 * imports statically, gzip -9, lit included. Prints the table; fails when an entry is over its budget.
 *
 * "Until it talks" adds what the element imports on demand before it talks to the backend: the connection (socket.io,
 * the protocol's schemas, the client — loaded once per page and shared by every element, and already there when an
 * `<ix-provider>` is on the page) and, for the launcher, the chat window. It is printed so the cost stays visible;
 * no element could meet its budget with the socket stack in it (it alone is over 12 KB).
 *
 * The README's size table is written from the same figures: rewritten in place on a developer's machine, and a
 * failure under CI when the committed one is not what was measured.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCdn, entrySizes, type CdnEntry } from './bundles.js';
import { keepGenerated } from './generated.js';

const KB = 1024;
export const SIZE_BUDGETS: Record<Exclude<CdnEntry, 'all'>, number> = {
  // The connection hub: lit, the client and socket.io's transport, which every element on its page then shares.
  provider: 46 * KB,
  launcher: 8 * KB,
  'chat-window': 40 * KB,
  // 12 KB until the shared LoadController (superseding loads as a real ReactiveController, issue 24) took 247 B gz of
  // it, the chunk it shares with the product card included: 12,171 -> 12,418 B.
  // Issue 25: the tokens that keep any accent readable in both schemes and theme cards inside a dark chat (+53 B gz
  // in every element), the card's no-chat, and the initials helper it now shares with the chat window's faces (a
  // shared chunk: +73 B against a private copy): 12,504 -> 12,669 B. The pay button 12,287 -> 12,366 B (tokens,
  // narrow currency symbols).
  // Issue 26: provider.js joined the elements' build (so that a page with a provider and elements loads lit once);
  // the base modules it shares with them only in part split into more chunks: +270-310 B gz in every element
  // (business card 12,679 -> 12,973 B, pay button 12,369 -> 12,661 B). Merging those chunks needs a bundler with a
  // minimum chunk size (esbuild has none).
  'business-card': 12.75 * KB,
  'product-card': 12 * KB,
  'pay-button': 12.5 * KB,
  workbench: 60 * KB,
};

const README = new URL('../README.md', import.meta.url);
const TABLE_START = '<!-- size table: written by npm run size -->';
const TABLE_END = '<!-- end of size table -->';
const NAMES: Record<keyof typeof SIZE_BUDGETS, string> = {
  provider: 'provider',
  launcher: 'launcher',
  'chat-window': 'chat window',
  'product-card': 'product card',
  'pay-button': 'pay button',
  'business-card': 'business card',
  workbench: 'workbench',
};

const inBytes = (size: number) => `${size.toLocaleString('en-US')} B`;

async function keepReadmeTable(sizes: Awaited<ReturnType<typeof entrySizes>>) {
  const table = [
    '| entry | first load | budget | until it talks |',
    '| --- | --- | --- | --- |',
    ...Object.entries(NAMES).map(([entry, name]) => {
      const { firstLoad, toTalk } = sizes[entry]!;
      const budget = SIZE_BUDGETS[entry as keyof typeof SIZE_BUDGETS];
      const talks = entry === 'launcher' ? `${inBytes(toTalk)} (with the chat window)` : inBytes(toTalk);
      return `| ${name} | ${inBytes(firstLoad)} | ${inBytes(budget)} | ${talks} |`;
    }),
  ].join('\n');
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md: no "${TABLE_START}" … "${TABLE_END}" block`);
  const next = `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
  const outcome = await keepGenerated(README, next);
  if (outcome === 'written') console.error('README.md: size table updated');
  if (outcome === 'stale') {
    console.error('README.md: the size table is not what was measured; run `npm run size` and commit README.md');
    process.exitCode = 1;
  }
}

const work = await mkdtemp(join(tmpdir(), 'ix-size-'));
try {
  // The build as shipped, `all` included: which entries share a chunk changes what each one's first load holds.
  const sizes = await entrySizes(await buildCdn(work));
  const rows: Record<string, Record<string, string>> = {};
  const failures: string[] = [];
  for (const [name, budget] of Object.entries(SIZE_BUDGETS)) {
    const { firstLoad, toTalk } = sizes[name]!;
    rows[name] = {
      'first load (B gzip)': String(firstLoad),
      budget: String(budget),
      status: firstLoad > budget ? `OVER by ${firstLoad - budget} B` : `${budget - firstLoad} B to spare`,
      'until it talks (B gzip)': String(toTalk),
    };
    if (firstLoad > budget) failures.push(`${name}: ${firstLoad} B > budget ${budget} B`);
  }
  console.table(rows);
  await keepReadmeTable(sizes);
  if (failures.length) {
    console.error(`Size budget exceeded:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
