/**
 * Size budgets of the CDN build, checked by `npm test` (issue #6): each entry's first load — the module and what it
 * imports statically, gzip -9, lit included. Prints the table; fails when an entry is over its budget.
 *
 * "Until it talks" adds what the element imports on demand before it talks to the backend: the connection (socket.io,
 * the protocol's schemas, the client — loaded once per page and shared by every element, and already there when an
 * `<ix-provider>` is on the page) and, for the launcher, the chat window. It is printed so the cost stays visible;
 * no element could meet its budget with the socket stack in it (it alone is over 12 KB).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCdn, entrySizes, type CdnEntry } from './bundles.js';

const KB = 1024;
export const SIZE_BUDGETS: Record<Exclude<CdnEntry, 'all'>, number> = {
  launcher: 8 * KB,
  'chat-window': 40 * KB,
  // 12 KB until the shared LoadController (superseding loads as a real ReactiveController, issue 24) took 247 B gz of
  // it, the chunk it shares with the product card included: 12,171 -> 12,418 B.
  // Issue 25: the tokens that keep any accent readable in both schemes and theme cards inside a dark chat (+53 B gz
  // in every element), the card's no-chat, and the initials helper it now shares with the chat window's faces (a
  // shared chunk: +73 B against a private copy): 12,504 -> 12,669 B. The pay button 12,287 -> 12,366 B (tokens,
  // narrow currency symbols).
  'business-card': 12.5 * KB,
  'product-card': 12 * KB,
  'pay-button': 12.125 * KB,
  workbench: 60 * KB,
};

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
  if (failures.length) {
    console.error(`Size budget exceeded:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
