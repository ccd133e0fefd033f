import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format';

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

  it('groups thousands with a space and uses a decimal comma', () => {
    expect(formatNumber(1234.5).replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatNumber(null)).toBe('');
  });

  it('leaves an unparsable value as it is', () => {
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate(null)).toBe('');
  });
});
