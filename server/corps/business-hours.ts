import type { BusinessHours } from '@interop-kit/elements/protocol';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead an opening is looked for. */
const LOOKAHEAD = 8 * DAY;
const weekdays = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 } as const;

/**
 * A moment as the corp's clock shows it: the weekday, minutes since midnight, and `wall`, that date and time written
 * as if it were UTC (milliseconds, to the minute), so that wall-clock arithmetic is plain arithmetic.
 */
interface WallTime {
  day: number;
  minutes: number;
  wall: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a time zone the runtime does not know. Kept per zone: making one costs more than a call. */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (formatters.size > 500) formatters.clear(); // bounded: time zone names come from company settings
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function wallTime(at: number, formatter: Intl.DateTimeFormat): WallTime {
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  const hour = Number(parts.hour) % 24; // some engines say "24" at midnight
  const minutes = hour * 60 + Number(parts.minute);
  const midnight = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  return { day: weekdays[parts.weekday as keyof typeof weekdays], minutes, wall: midnight + minutes * MINUTE };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The day's intervals as minutes, empty ones dropped, earliest first. */
function intervalsOf(hours: BusinessHours, day: number): Array<[number, number]> {
  return (hours.weekly[String(day) as keyof BusinessHours['weekly']] ?? [])
    .map(([open, close]): [number, number] => [toMinutes(open), toMinutes(close)])
    .filter(([open, close]) => open < close)
    .sort((a, b) => a[0] - b[0]);
}

function isOpenAt(hours: BusinessHours, { day, minutes }: WallTime): boolean {
  return intervalsOf(hours, day).some(([open, close]) => minutes >= open && minutes < close);
}

/** The corp's offset from UTC at an instant (milliseconds, whole minutes). */
const offsetAt = (at: number, formatter: Intl.DateTimeFormat) =>
  wallTime(at, formatter).wall - Math.floor(at / MINUTE) * MINUTE;

/**
 * The instants at which the corp's clock shows `wall`, earliest first: usually one; two when the clocks go back over
 * it; when they go forward over it, the first instant after the jump (the first the clock shows `wall` or later).
 */
function instantsOf(wall: number, formatter: Intl.DateTimeFormat): number[] {
  // Offsets a day either side cover any one change of the clocks near `wall`.
  const before = offsetAt(wall - DAY, formatter);
  const after = offsetAt(wall + DAY, formatter);
  const candidates = [...new Set([wall - Math.max(before, after), wall - Math.min(before, after)])];
  const exact = candidates.filter((at) => wallTime(at, formatter).wall === wall);
  if (exact.length > 0 || candidates.length < 2) return exact;
  // In the hour the clocks skip: bisect (by the minute) for the moment they jump past `wall`.
  let [low, high] = candidates as [number, number];
  while (high - low > MINUTE) {
    const middle = Math.floor((low + high) / 2 / MINUTE) * MINUTE;
    if (wallTime(middle, formatter).wall >= wall) high = middle;
    else low = middle;
  }
  return [high];
}

/**
 * Whether the corp answers at `now`, and if not, when it next does (in the corp's time zone, DST included), to the
 * minute. No hours set means always open. An unknown time zone counts as no hours set rather than "closed forever".
 * Bounded work per call: a few clock readings per opening interval of the coming week (it used to step through the
 * week minute by minute, 18 ms on a Saturday).
 */
export function businessHoursStatus(
  hours: BusinessHours | null,
  now = new Date(),
): { open: boolean; nextOpenAt: string | null } {
  if (!hours) return { open: true, nextOpenAt: null };
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = formatterFor(hours.timezone);
  } catch {
    return { open: true, nextOpenAt: null };
  }
  const at = now.getTime();
  const current = wallTime(at, formatter);
  if (isOpenAt(hours, current)) return { open: true, nextOpenAt: null };
  const today = current.wall - current.minutes * MINUTE;
  // Today's later openings, then each following day's: a week and a day, since the clocks may skip the week's only one.
  for (let ahead = 0; ahead <= 8; ahead += 1) {
    for (const [open] of intervalsOf(hours, (current.day + ahead) % 7)) {
      const wall = today + ahead * DAY + open * MINUTE;
      if (wall <= current.wall) continue;
      // Not yet passed (an hour the clocks repeat has its opening twice), and not skipped by the clocks (an interval
      // inside the hour they jump over is no opening).
      const instant = instantsOf(wall, formatter).find(
        (candidate) => candidate > at && candidate < at + LOOKAHEAD && isOpenAt(hours, wallTime(candidate, formatter)),
      );
      if (instant !== undefined) return { open: false, nextOpenAt: new Date(instant).toISOString() };
    }
  }
  return { open: false, nextOpenAt: null };
}
