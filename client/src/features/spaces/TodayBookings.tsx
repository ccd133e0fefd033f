import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryList } from '../../components/QueryList';
import { formatTime } from '../../i18n/format';
import { useEnumLabel } from '../../i18n/labels';
import { useBookings, useSpaces } from './api';
import { addDays, dayStart } from './week';
import { dayKey } from '../events/time';

/** The dashboard's list of today's live bookings (a member editor's own member's; everyone's for staff and viewers). */
export function TodayBookings() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [today] = useState(() => dayKey(new Date()));
  const query = useBookings({ from: dayStart(today).toISOString(), to: dayStart(addDays(today, 1)).toISOString() });
  const spaces = useSpaces();
  const names = new Map((spaces.data?.pages.flatMap((p) => p.items) ?? []).map((s) => [s.id, s.name]));
  const rows = (query.data?.pages.flatMap((p) => p.items) ?? []).filter((b) => b.status === 'confirmed' || b.status === 'requested' || b.status === 'blocked');
  return (
    <section className="section" aria-labelledby="today-bookings-title">
      <h2 id="today-bookings-title">{t('dashboard.todayBookings')}</h2>
      <QueryList query={query} count={rows.length} empty={<p>{t('dashboard.noBookingsToday')}</p>}>
        {() => (
          <ul className="plain-list link-list">
            {rows.map((b) => (
              <li key={b.id}>
                {formatTime(b.startsAt)}–{formatTime(b.endsAt)} <Link to={`/spaces/${b.spaceId}`}>{names.get(b.spaceId) ?? t('bookings.space')}</Link>{' '}
                <span className="muted">
                  {[b.memberName, b.purpose, b.status !== 'confirmed' ? label('bookingStatus', b.status) : null].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryList>
      <p>
        <Link to="/spaces">{t('nav.spaces')}</Link>
      </p>
    </section>
  );
}
