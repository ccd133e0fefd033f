import type { TFunction } from 'i18next';
import type { Space } from '../../api/types';

/** A space's booking rules as sentences a member reads before booking. */
export function ruleSentences(space: Space, t: TFunction): string[] {
  const r = space.rules;
  const out: string[] = [];
  if (r.bookableBy === 'staff') out.push(t('spaces.rule.staffOnly'));
  out.push(r.maxMinutes != null ? t('spaces.rule.length', { min: r.minMinutes, max: r.maxMinutes }) : t('spaces.rule.lengthMin', { min: r.minMinutes }));
  if (r.intervalMinutes < 1440) out.push(t('spaces.rule.interval', { minutes: r.intervalMinutes }));
  if (r.bufferBeforeMinutes > 0 || r.bufferAfterMinutes > 0) out.push(t('spaces.rule.buffers', { before: r.bufferBeforeMinutes, after: r.bufferAfterMinutes }));
  out.push(t('spaces.rule.ahead', { days: r.bookAheadDays }));
  if (r.maxActivePerMember != null) out.push(t('spaces.rule.quota', { count: r.maxActivePerMember }));
  out.push(r.approval === 'staff' ? t('spaces.rule.staffApproval') : t('spaces.rule.automatic'));
  out.push(t('spaces.rule.cancel', { hours: r.cancelHoursBefore }));
  return out;
}
