import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { businessHoursStatus } from '../corps/business-hours.js';
import type { BusinessHours } from '@interop-kit/elements/protocol';

const weekdays9to17: BusinessHours = {
  timezone: 'Europe/Berlin',
  weekly: {
    '1': [['09:00', '17:00']],
    '2': [['09:00', '17:00']],
    '3': [['09:00', '17:00']],
    '4': [['09:00', '17:00']],
    '5': [['09:00', '17:00']],
  },
};

describe('business hours', () => {
  test('open inside the hours, in the corp time zone', () => {
    // Tuesday 2026-03-24 09:30 in Berlin (CET, UTC+1) is 08:30 UTC.
    assert.deepEqual(businessHoursStatus(weekdays9to17, new Date('2026-03-24T08:30:00Z')), {
      open: true,
      nextOpenAt: null,
    });
    assert.equal(businessHoursStatus(weekdays9to17, new Date('2026-03-24T07:59:00Z')).open, false);
    assert.equal(businessHoursStatus(weekdays9to17, new Date('2026-03-24T16:00:00Z')).open, false, '17:00 closes');
  });

  test('the next opening skips the weekend and follows the clock change', () => {
    // Friday 2026-03-27 18:00 CET; Berlin moves to CEST (UTC+2) on Sunday the 29th: Monday 09:00 is 07:00 UTC.
    assert.deepEqual(businessHoursStatus(weekdays9to17, new Date('2026-03-27T17:00:00Z')), {
      open: false,
      nextOpenAt: '2026-03-30T07:00:00.000Z',
    });
  });

  test('no hours means always open; an unknown time zone is not "closed forever"', () => {
    assert.equal(businessHoursStatus(null).open, true);
    assert.equal(businessHoursStatus({ timezone: 'Mars/Olympus_Mons', weekly: {} }).open, true);
    assert.deepEqual(businessHoursStatus({ timezone: 'UTC', weekly: {} }), { open: false, nextOpenAt: null });
  });
});

describe('business hours across clock changes', () => {
  const sundays = (timezone: string, open: string, close: string): BusinessHours => ({
    timezone,
    weekly: { '0': [[open, close]] },
  });

  test('an opening in the hour the clocks skip is the moment they jump; an interval inside it is none', () => {
    // Berlin skips 02:00-03:00 on Sunday 2026-03-29 (01:00 UTC).
    const saturday = new Date('2026-03-28T12:00:00Z');
    assert.equal(
      businessHoursStatus(sundays('Europe/Berlin', '02:30', '05:00'), saturday).nextOpenAt,
      '2026-03-29T01:00:00.000Z',
    );
    // 02:10-02:40 never happens that Sunday: the next is a week later, in summer time.
    assert.equal(
      businessHoursStatus(sundays('Europe/Berlin', '02:10', '02:40'), saturday).nextOpenAt,
      '2026-04-05T00:10:00.000Z',
    );
  });

  test('in the hour the clocks repeat, an opening not yet passed is found in either pass', () => {
    // New York repeats 01:00-02:00 on Sunday 2026-11-01: EDT (UTC-4) first, then EST (UTC-5).
    const hours = sundays('America/New_York', '01:45', '03:00');
    assert.equal(businessHoursStatus(hours, new Date('2026-11-01T05:30:00Z')).nextOpenAt, '2026-11-01T05:45:00.000Z');
    assert.equal(businessHoursStatus(hours, new Date('2026-11-01T06:30:00Z')).nextOpenAt, '2026-11-01T06:45:00.000Z');
    assert.equal(businessHoursStatus(hours, new Date('2026-11-01T05:50:00Z')).open, true, '01:50 EDT is inside');
  });

  test('agrees with stepping minute by minute, in zones with half-hour changes and odd offsets, around every change', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Asia/Shanghai',
      'America/St_Johns',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'America/Santiago',
      'UTC',
    ];
    // A seeded generator: the same cases on every run.
    let seed = 20261207;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const clock = (minutes: number) =>
      `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    for (let index = 0; index < 120; index += 1) {
      const weekly: BusinessHours['weekly'] = {};
      for (let day = 0; day < 7; day += 1) {
        if (random(3) === 0) continue;
        const open = random(24) * 60 + random(4) * 15;
        const close = Math.min(open + 15 + random(10 * 60), 24 * 60);
        weekly[String(day) as keyof BusinessHours['weekly']] = [[clock(open), clock(close)]];
      }
      const hours = { timezone: zones[index % zones.length]!, weekly };
      // Around the year's changes (March/April, September/October/November) and anywhere else.
      const months = [2, 3, 8, 9, 10, random(12)];
      const now = new Date(
        Date.UTC(2026, months[random(months.length)]!, 1 + random(28), random(24), random(60), random(60)),
      );
      assert.deepEqual(
        businessHoursStatus(hours, now),
        steppedStatus(hours, now),
        `${JSON.stringify(hours)} at ${now.toISOString()}`,
      );
    }
  });
});

/** The old way, kept as the reference: read the clock at every minute of the coming eight days. */
function steppedStatus(hours: BusinessHours, now: Date) {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const days = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 } as Record<string, number>;
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const openAt = (at: Date) => {
    const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
    const minutes = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
    const intervals = hours.weekly[String(days[parts.weekday!]) as keyof BusinessHours['weekly']] ?? [];
    return intervals.some(([open, close]) => minutes >= minutesOf(open) && minutes < minutesOf(close));
  };
  if (openAt(now)) return { open: true, nextOpenAt: null };
  const start = Math.ceil(now.getTime() / 60000) * 60000;
  for (let at = start; at < now.getTime() + 8 * 24 * 3600 * 1000; at += 60000) {
    if (openAt(new Date(at))) return { open: false, nextOpenAt: new Date(at).toISOString() };
  }
  return { open: false, nextOpenAt: null };
}
