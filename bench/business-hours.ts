/**
 * Business hours: what one `businessHoursStatus` call costs (every visitor session and conversation open makes one),
 * as shipped against the version that stepped through the week minute by minute (read from git), interleaved,
 * medians of 15 rounds. Cases: open now; a Saturday noon with weekday hours; the worst case, a company open only late
 * on Sundays asked early on a Monday.
 *
 * Prints a table, writes bench/results/business-hours.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusinessHours } from '../src/protocol/index.js';
import { businessHoursStatus } from '../server/corps/business-hours.js';
import { median, round } from './support/stats.js';

/** The last commit with the minute-stepping version. */
const STEPPING = 'eb2c695';
const folder = await mkdtemp(join(tmpdir(), 'ix-bench-hours-'));
const steppingFile = join(folder, 'stepping.ts');
await writeFile(steppingFile, execFileSync('git', ['show', `${STEPPING}:server/corps/business-hours.ts`]));
const stepping = (await import(steppingFile)) as { businessHoursStatus: typeof businessHoursStatus };

const weekdays: BusinessHours = {
  timezone: 'Asia/Shanghai',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, [['09:00', '18:00']]])),
};
const sundayNights: BusinessHours = { timezone: 'Europe/Berlin', weekly: { '0': [['23:00', '23:30']] } };
const cases = [
  { name: 'open now (Tuesday 10:00)', hours: weekdays, at: new Date('2026-12-08T02:00:00Z') },
  { name: 'Saturday noon, weekday hours', hours: weekdays, at: new Date('2026-12-12T04:00:00Z') },
  { name: 'worst case: Monday 00:01, open Sunday nights', hours: sundayNights, at: new Date('2026-12-06T23:01:00Z') },
];

/** Microseconds per call over `calls` calls. */
function perCall(implementation: typeof businessHoursStatus, hours: BusinessHours, at: Date, calls: number): number {
  const start = process.hrtime.bigint();
  for (let index = 0; index < calls; index += 1) implementation(hours, at);
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}

const rows = [];
for (const { name, hours, at } of cases) {
  if (JSON.stringify(businessHoursStatus(hours, at)) !== JSON.stringify(stepping.businessHoursStatus(hours, at)))
    throw new Error(`${name}: the two versions disagree`);
  const shipped: number[] = [];
  const stepped: number[] = [];
  for (let round = 0; round < 15; round += 1) {
    shipped.push(perCall(businessHoursStatus, hours, at, 200));
    stepped.push(perCall(stepping.businessHoursStatus, hours, at, 2));
  }
  rows.push({
    case: name,
    'shipped (µs/call)': round(median(shipped), 1),
    'stepping (µs/call)': round(median(stepped), 0),
    'stepping / shipped': round(median(stepped) / median(shipped), 0),
  });
}
await rm(folder, { recursive: true, force: true });
console.table(rows);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(
  new URL('./results/business-hours.json', import.meta.url),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
);
