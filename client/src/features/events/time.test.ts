import { describe, expect, it } from 'vitest';
import { addMonths, dayKey, instantToLocalInput, localInputToInstant, monthGrid, monthRange } from './time';

describe('Helsinki event times', () => {
  it('turns a Helsinki wall-clock time into an instant with the right offset', () => {
    expect(localInputToInstant('2026-12-01T18:00')).toBe('2026-12-01T18:00:00+02:00');
    expect(localInputToInstant('2026-07-21T18:00')).toBe('2026-07-21T18:00:00+03:00');
    expect(localInputToInstant('')).toBeNull();
  });

  it('shows an instant as Helsinki wall-clock time', () => {
    expect(instantToLocalInput('2026-12-01T16:00:00Z')).toBe('2026-12-01T18:00');
    expect(instantToLocalInput('2026-07-21T15:00:00Z')).toBe('2026-07-21T18:00');
    expect(instantToLocalInput(null)).toBe('');
  });

  it('round-trips across the daylight-saving changes', () => {
    for (const local of ['2026-03-29T02:30', '2026-03-29T04:30', '2026-10-25T02:30', '2026-10-25T05:00']) {
      const instant = localInputToInstant(local);
      expect(instant).not.toBeNull();
      expect(instantToLocalInput(instant)).toBe(local);
    }
  });

  it('puts a late-evening UTC instant on the next Helsinki day', () => {
    expect(dayKey(new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-23');
  });

  it('lays out a month Monday first', () => {
    const grid = monthGrid({ year: 2026, month: 11 });
    // 1 November 2026 is a Sunday.
    expect(grid[0]).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01']);
    expect(grid.at(-1)?.at(-1)).toBe('2026-12-06');
    expect(grid.every((week) => week.length === 7)).toBe(true);
  });

  it('gives a month as the instants of its Helsinki midnights', () => {
    expect(monthRange({ year: 2026, month: 11 })).toEqual({ from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });
});
