import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatTimeRange } from './format';

describe('Finnish formats', () => {
  it('writes a date as d.m.yyyy without shifting the day', () => {
    expect(formatDate('2026-11-22')).toBe('22.11.2026');
    expect(formatDate('2026-01-01')).toBe('1.1.2026');
  });

  it('writes a timestamp in Helsinki time', () => {
    // 07:30 UTC is 09:30 in Helsinki in winter (UTC+2).
    expect(formatDateTime('2026-11-22T07:30:00Z')).toMatch(/^22\.11\.2026.*9\.30$/);
    // A timestamp late in the UTC evening is already the next day in Helsinki.
    expect(formatDate('2026-11-22T23:30:00Z')).toBe('23.11.2026');
  });

  it('says "klo" before the time in Finnish and "at" in English', () => {
    expect(formatDateTime('2026-11-22T07:30:00Z', 'fi')).toBe('22.11.2026 klo 9.30');
    expect(formatDateTime('2026-11-22T07:30:00Z', 'en')).toBe('22.11.2026 at 9.30');
    const english = formatTimeRange('2026-12-01T16:00:00Z', '2026-12-01T18:00:00Z', 'en');
    expect(english).not.toContain('klo');
    expect(english).toBe('Tue 1.12.2026 at 18.00–20.00');
    expect(formatTimeRange('2026-12-01T16:00:00Z', '2026-12-01T18:00:00Z', 'fi')).toBe('ti 1.12.2026 klo 18.00–20.00');
  });

  it('groups thousands with a space and uses a decimal comma', () => {
    expect(formatNumber(1234.5).replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatNumber(null)).toBe('');
  });

  it('leaves an unparsable value as it is', () => {
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate(null)).toBe('');
  });
});
