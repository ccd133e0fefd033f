/**
 * Event times are instants (RFC 3339 with an offset) in the API and wall-clock times in Helsinki for
 * people, whatever zone the browser is in. These helpers convert between the two, daylight saving
 * included, without a time zone library.
 */
export const helsinki = 'Europe/Helsinki';

/** An API timestamp as a Date, or null when absent or unreadable. */
export function instant(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: helsinki,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Helsinki wall clock at an instant. */
export function wallClock(date: Date): WallClock {
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Minutes Helsinki is ahead of UTC at an instant (120 in winter, 180 in summer). */
function offsetMinutes(date: Date): number {
  const w = wallClock(date);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant of a Helsinki wall-clock time. */
export function fromWallClock(w: WallClock): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  let result = new Date(guess - offsetMinutes(new Date(guess)) * 60_000);
  // A second pass settles times near a daylight-saving change.
  result = new Date(guess - offsetMinutes(result) * 60_000);
  return result;
}

/** `2026-12-01T18:00` (a datetime-local input, Helsinki time) → `2026-12-01T18:00:00+02:00`; '' → null. */
export function localInputToInstant(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match;
  const wall = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi) };
  const date = fromWallClock(wall);
  const offset = offsetMinutes(date);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${y}-${mo}-${d}T${h}:${mi}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An API timestamp → the value of a datetime-local input in Helsinki time; '' when absent. */
export function instantToLocalInput(value: unknown): string {
  const date = instant(value);
  if (!date) return '';
  const w = wallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The Helsinki calendar day of an instant as `YYYY-MM-DD`. */
export function dayKey(date: Date): string {
  const w = wallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

export function monthOf(date: Date): Month {
  const w = wallClock(date);
  return { year: w.year, month: w.month };
}

export function addMonths(m: Month, delta: number): Month {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `2026-11` ⇄ Month, for the address bar. */
export function monthKey(m: Month): string {
  return `${pad(m.year, 4)}-${pad(m.month)}`;
}

export function parseMonthKey(value: string | null): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

/** The instants where a Helsinki month starts and the next one starts (for `from`/`to`). */
export function monthRange(m: Month): { from: string; to: string } {
  const next = addMonths(m, 1);
  return {
    from: fromWallClock({ year: m.year, month: m.month, day: 1, hour: 0, minute: 0 }).toISOString(),
    to: fromWallClock({ year: next.year, month: next.month, day: 1, hour: 0, minute: 0 }).toISOString(),
  };
}

/**
 * The weeks of a month view, Monday first as in Finland: each week is 7 `YYYY-MM-DD` days, with
 * days of the neighbouring months filling the first and last week.
 */
export function monthGrid(m: Month): string[][] {
  const first = new Date(Date.UTC(m.year, m.month - 1, 1));
  const mondayIndex = (first.getUTCDay() + 6) % 7;
  const start = Date.UTC(m.year, m.month - 1, 1 - mondayIndex);
  const daysInMonth = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const weeks = Math.ceil((mondayIndex + daysInMonth) / 7);
  const grid: string[][] = [];
  for (let w = 0; w < weeks; w += 1) {
    const week: string[] = [];
    for (let d = 0; d < 7; d += 1) {
      week.push(new Date(start + (w * 7 + d) * 86_400_000).toISOString().slice(0, 10));
    }
    grid.push(week);
  }
  return grid;
}
