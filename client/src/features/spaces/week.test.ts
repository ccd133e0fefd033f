import { describe, expect, it } from 'vitest';
import { addDays, dayStart, mondayOf, weekDays } from './week';

describe('a space week', () => {
  it('starts on the Helsinki Monday', () => {
    // Sunday 13 December 2026 at 23.30 in Helsinki is still that week.
    expect(mondayOf(new Date('2026-12-13T21:30:00Z'))).toBe('2026-12-07');
    expect(mondayOf(new Date('2026-12-13T22:30:00Z'))).toBe('2026-12-14');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('cuts open time into slots that are free, busy (buffers included) or past', () => {
    const monday = '2026-12-14';
    const open = [{ startsAt: '2026-12-14T06:00:00Z', endsAt: '2026-12-14T09:00:00Z' }];
    const busy = [{ startsAt: '2026-12-14T07:00:00Z', endsAt: '2026-12-14T08:15:00Z' }];
    const days = weekDays(monday, open, busy, 60, new Date('2026-12-14T05:00:00Z'));
    expect(days).toHaveLength(7);
    expect(days[0]?.slots.map((s) => s.state)).toEqual(['free', 'busy', 'busy']);
    expect(days[1]?.slots).toEqual([]);
    expect(dayStart(monday).toISOString()).toBe('2026-12-13T22:00:00.000Z');
    const later = weekDays(monday, open, [], 60, new Date('2026-12-14T07:30:00Z'));
    expect(later[0]?.slots.map((s) => s.state)).toEqual(['past', 'past', 'free']);
  });
});
