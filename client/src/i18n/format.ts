/**
 * Dates, times and numbers are written the Finnish way (22.11.2026, 9.30, 1 234,5) in both
 * languages, as the people using the app are in Finland; the words follow the UI language (month and
 * weekday names, and "klo" / "at" before a time). Times are shown in Europe/Helsinki whatever the browser's zone.
 */
export const timeZone = 'Europe/Helsinki';
const numericLocale = 'fi-FI';

const dateFormat = new Intl.DateTimeFormat(numericLocale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
const helsinkiDateFormat = new Intl.DateTimeFormat(numericLocale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone });
const timeFormat = new Intl.DateTimeFormat(numericLocale, { hour: 'numeric', minute: '2-digit', timeZone });

/** The UI language as the app keeps it on `<html lang>` (see createI18n). */
function uiLanguage(): string {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'fi';
}
const numberFormat = new Intl.NumberFormat(numericLocale);

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-11-22` → `22.11.2026`; a full timestamp is shown as its Helsinki date. Non-strings show as empty. */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const match = isoDate.exec(value);
  if (match) {
    const [, y, m, d] = match;
    return dateFormat.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return value;
  return helsinkiDateFormat.format(parsed);
}

/** `2026-11-22T07:30:00Z` → `22.11.2026 klo 9.30` in Finnish, `22.11.2026 at 9.30` in English (Helsinki time). */
export function formatDateTime(value: unknown, language: string = uiLanguage()): string {
  if (typeof value !== 'string' || value === '') return '';
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return value;
  return `${helsinkiDateFormat.format(parsed)} ${language === 'en' ? 'at' : 'klo'} ${timeFormat.format(parsed)}`;
}

export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? numberFormat.format(n) : String(value);
}

const localeOf = (language: string) => (language === 'en' ? 'en-GB' : 'fi-FI');

/** `ti 1.12.2026 klo 18.00–20.00` (or across days, both ends in full), Helsinki time, weekday in the UI language. */
export function formatTimeRange(start: unknown, end: unknown, language: string): string {
  if (typeof start !== 'string') return '';
  const from = new Date(start);
  if (Number.isNaN(from.getTime())) return start;
  const weekday = new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', timeZone }).format(from);
  const first = `${weekday} ${formatDateTime(start, language)}`;
  if (typeof end !== 'string') return first;
  const to = new Date(end);
  if (Number.isNaN(to.getTime())) return first;
  if (formatDate(start) === formatDate(end)) {
    return `${first}–${timeFormat.format(to)}`;
  }
  const endWeekday = new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', timeZone }).format(to);
  return `${first} – ${endWeekday} ${formatDateTime(end, language)}`;
}

/** `18.00` style time of day in Helsinki. */
export function formatTime(value: unknown): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return timeFormat.format(date);
}

/** Month name and year in the UI language: `marraskuu 2026`, `November 2026`. */
export function formatMonth(year: number, month: number, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}

/** Weekday names Monday first in the UI language, short and long. */
export function weekdayNames(language: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' });
  // 5 January 2026 is a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 5 + i));
    return { short: short.format(date), long: long.format(date) };
  });
}

/** A `YYYY-MM-DD` day with its weekday in the UI language: `ma 2.11.` */
export function formatDayLabel(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const weekday = new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', timeZone: 'UTC' }).format(date);
  return `${weekday} ${d}.${m}.`;
}
