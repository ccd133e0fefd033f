import { dayKey, fromWallClock, wallClock } from '../events/time';
import type { TimeInterval } from '../../api/types';

/**
 * A space's week as the calendar shows it: the open time of each Helsinki day cut into slots of the space's start
 * interval (at least half an hour, a whole open stretch for workspaces booked by the day), each free, busy or past.
 */
export interface Slot {
  startsAt: string;
  endsAt: string;
  state: 'free' | 'busy' | 'past';
}

export interface Day {
  day: string;
  slots: Slot[];
}

const minute = 60_000;

/** The Monday (Helsinki) of the week `offset` weeks from the one holding `now`, as `YYYY-MM-DD`. */
export function mondayOf(now: Date, offset = 0): string {
  const w = wallClock(now);
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const back = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - back + 7 * offset);
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** The instant a Helsinki day starts. */
export function dayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return fromWallClock({ year: y ?? 1970, month: m ?? 1, day: d ?? 1, hour: 0, minute: 0 });
}

const overlaps = (from: number, to: number, intervals: readonly TimeInterval[]) =>
  intervals.some((i) => new Date(i.startsAt).getTime() < to && new Date(i.endsAt).getTime() > from);

export function weekDays(monday: string, open: readonly TimeInterval[], busy: readonly TimeInterval[], intervalMinutes: number, now: Date): Day[] {
  const step = Math.max(30, intervalMinutes) * minute;
  const days: Day[] = Array.from({ length: 7 }, (_, i) => ({ day: addDays(monday, i), slots: [] }));
  for (const interval of open) {
    const end = new Date(interval.endsAt).getTime();
    for (let from = new Date(interval.startsAt).getTime(); from < end; from += step) {
      const to = Math.min(from + step, end);
      // A stretch shorter than half an hour at the end of the open time is no slot.
      if (to - from < 30 * minute) break;
      const target = days.find((d) => d.day === dayKey(new Date(from)));
      if (!target) continue;
      const state = from < now.getTime() ? 'past' : overlaps(from, to, busy) ? 'busy' : 'free';
      target.slots.push({ startsAt: new Date(from).toISOString(), endsAt: new Date(to).toISOString(), state });
    }
  }
  return days;
}
