import type { BusinessHours } from '@interop-kit/elements/protocol';

/** How far ahead the next opening is looked for, and in what steps (fine enough for hours set in minutes). */
const LOOKAHEAD_MS = 8 * 24 * 60 * 60 * 1000;
const STEP_MS = 60 * 1000;

const weekdays = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 } as const;

function localTime(at: Date, formatter: Intl.DateTimeFormat): { day: number; minutes: number } {
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  const hour = Number(parts.hour) % 24; // some engines say "24" at midnight
  return { day: weekdays[parts.weekday as keyof typeof weekdays], minutes: hour * 60 + Number(parts.minute) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function formatterFor(timezone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

function isOpenAt(hours: BusinessHours, formatter: Intl.DateTimeFormat, at: Date): boolean {
  const { day, minutes } = localTime(at, formatter);
  const intervals = hours.weekly[String(day) as keyof BusinessHours['weekly']] ?? [];
  return intervals.some(([open, close]) => minutes >= toMinutes(open) && minutes < toMinutes(close));
}

/**
 * Whether the corp answers at `now`, and if not, when it next does (in the corp's time zone, DST included).
 * No hours set means always open. An unknown time zone counts as no hours set rather than "closed forever".
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
  if (isOpenAt(hours, formatter, now)) return { open: true, nextOpenAt: null };
  const start = Math.ceil(now.getTime() / STEP_MS) * STEP_MS;
  for (let at = start; at < now.getTime() + LOOKAHEAD_MS; at += STEP_MS) {
    if (isOpenAt(hours, formatter, new Date(at))) return { open: false, nextOpenAt: new Date(at).toISOString() };
  }
  return { open: false, nextOpenAt: null };
}
