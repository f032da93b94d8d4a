/**
 * Size budgets of the CDN build, checked by `npm test`: each entry's first load (the module and what it imports
 * statically, gzip -9, lit included). Prints the table; fails when an entry grows past its ceiling.
 *
 * `target` is the budget issue #6 sets; `ceiling` is what the build may not exceed today. The ceilings only ever come
 * down (to the target, as the work to get there lands): until then, growth fails the suite and the gap stays visible.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCdn, entrySizes, type CdnEntry } from './bundles.js';

const KB = 1024;
export const SIZE_BUDGETS: Record<Exclude<CdnEntry, 'all'>, { target: number; ceiling: number }> = {
  launcher: { target: 8 * KB, ceiling: 12_200 },
  'chat-window': { target: 40 * KB, ceiling: 54_000 },
  'business-card': { target: 12 * KB, ceiling: 13_000 },
  'product-card': { target: 12 * KB, ceiling: 12 * KB },
  'pay-button': { target: 12 * KB, ceiling: 13_350 },
  workbench: { target: 60 * KB, ceiling: 64_100 },
};

const work = await mkdtemp(join(tmpdir(), 'ix-size-'));
try {
  const entries = Object.fromEntries(Object.keys(SIZE_BUDGETS).map((name) => [name, `src/elements/${name}/define.ts`]));
  const sizes = await entrySizes(await buildCdn(work, entries), entries);
  const rows: Record<string, Record<string, string>> = {};
  const failures: string[] = [];
  for (const [name, { target, ceiling }] of Object.entries(SIZE_BUDGETS)) {
    const bytes = sizes[name]!;
    rows[name] = {
      'gzip bytes': String(bytes),
      ceiling: String(Math.round(ceiling)),
      target: String(target),
      status: bytes > ceiling ? 'OVER CEILING' : bytes > target ? `${bytes - target} B over target` : 'within target',
    };
    if (bytes > ceiling) failures.push(`${name}: ${bytes} B > ceiling ${Math.round(ceiling)} B`);
  }
  console.table(rows);
  if (failures.length) {
    console.error(`Size budget exceeded:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
