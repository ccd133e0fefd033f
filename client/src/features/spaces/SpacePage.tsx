import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking, BookingSeries, Space, TimeInterval } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { isStaff } from '../../auth/permissions';
import { Alert } from '../../components/Alert';
import { RecordRoute } from '../../components/QueryBoundary';
import { QueryList } from '../../components/QueryList';
import { EditLink, RecordHeader } from '../../components/RecordHeader';
import { currentLanguage } from '../../i18n';
import { formatDate, formatDayLabel, formatTimeRange, weekdayNames } from '../../i18n/format';
import { useEnumLabel } from '../../i18n/labels';
import { useAvailability, useSpace } from './api';
import { BookingForm } from './BookingForm';
import { ruleSentences } from './rules';
import { WeekCalendar } from './WeekCalendar';
import { addDays, dayStart, mondayOf, weekDays } from './week';

function Week({ space, onChoose, canBook }: { space: Space; onChoose: (slot: TimeInterval) => void; canBook: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [offset, setOffset] = useState(0);
  // "Now" is fixed for the page's life so the query key stays the same between renders.
  const [now] = useState(() => new Date());
  const monday = mondayOf(now, offset);
  const from = dayStart(monday).toISOString();
  const to = dayStart(addDays(monday, 7)).toISOString();
  const availability = useAvailability(space.id, from, to);
  const days = useMemo(
    () => (availability.data ? weekDays(monday, availability.data.open, availability.data.busy, space.rules.intervalMinutes, now) : []),
    [availability.data, monday, space.rules.intervalMinutes, now],
  );
  return (
    <section className="section" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('spaces.calendar')}</h2>
      <div className="month-nav">
        <button type="button" className="button button-secondary" disabled={offset <= 0} onClick={() => setOffset((o) => o - 1)}>
          {t('spaces.previousWeek')}
        </button>
        <p className="month-title" aria-live="polite">
          {t('spaces.week', { from: formatDayLabel(monday, language), to: formatDayLabel(addDays(monday, 6), language) })}
        </p>
        <button type="button" className="button button-secondary" onClick={() => setOffset((o) => o + 1)}>
          {t('spaces.nextWeek')}
        </button>
      </div>
      <p className="hint">{t('spaces.legend')}</p>
      <QueryList query={availability}>{() => <WeekCalendar days={days} canBook={canBook} onChoose={onChoose} />}</QueryList>
    </section>
  );
}

/** A series' answer: every date, booked or not with the reason. */
function SeriesResult({ series }: { series: BookingSeries }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const created = series.occurrences.filter((o) => o.status === 'created').length;
  return (
    <Alert tone={created === series.occurrences.length ? 'success' : 'warning'} title={t('bookings.seriesTitle', { created, refused: series.occurrences.length - created })}>
      <ul className="plain-list">
        {series.occurrences.map((o) => (
          <li key={o.date}>
            {formatDate(o.date)}: {o.status === 'created' ? t('bookings.occurrenceCreated') : label('bookingRefusal', o.reason)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function SpaceDetails({ space }: { space: Space }) {
  const { t, i18n } = useTranslation();
  const label = useEnumLabel();
  const user = useCurrentUser();
  const names = weekdayNames(currentLanguage(i18n));
  const [slot, setSlot] = useState<TimeInterval | null>(null);
  const [booked, setBooked] = useState<Booking | null>(null);
  const [series, setSeries] = useState<BookingSeries | null>(null);
  const canBook = isStaff(user) || (user?.role === 'member_editor' && space.rules.bookableBy === 'members');
  const address = [space.address.street, [space.address.postalCode, space.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <>
      <RecordHeader list="/spaces" backLabel={t('spaces.backToList')} title={space.name}>
        {isStaff(user) ? <EditLink to={`/spaces/${space.id}/edit`} /> : null}
      </RecordHeader>
      <p className="lead">
        {label('spaceKind', space.kind)}
        {space.capacity != null ? ` · ${t('spaces.capacity', { count: space.capacity })}` : ''}
      </p>
      {space.description ? <p>{space.description}</p> : null}
      <dl className="details">
        {address ? (
          <>
            <dt>{t('spaces.address')}</dt>
            <dd>{address}</dd>
          </>
        ) : null}
        {space.features.length > 0 ? (
          <>
            <dt>{t('spaces.features')}</dt>
            <dd>{space.features.map((f) => label('spaceFeature', f)).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('spaces.openingHours')}</dt>
        <dd>
          {space.openingHours.map((h) => `${names[h.weekday - 1]?.short ?? h.weekday} ${h.opens}–${h.closes}`).join(', ')}
        </dd>
        {space.closures.length > 0 ? (
          <>
            <dt>{t('spaces.closures')}</dt>
            <dd>
              {space.closures.map((c) => t('spaces.closure', { from: formatDate(c.from), to: formatDate(c.to), reason: c.reason })).join('; ')}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('spaces.rules')}</h2>
      <ul className="rule-list">
        {ruleSentences(space, t).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      {booked ? (
        <Alert tone="success">
          <p>
            {t(booked.status === 'requested' ? 'bookings.requested' : 'bookings.confirmed', {
              when: formatTimeRange(booked.startsAt, booked.endsAt, currentLanguage(i18n)),
            })}
          </p>
        </Alert>
      ) : null}
      {series ? <SeriesResult series={series} /> : null}
      {slot ? (
        <BookingForm
          key={slot.startsAt}
          space={space}
          slot={slot}
          onCancel={() => setSlot(null)}
          onDone={(booking) => {
            setBooked(booking);
            setSlot(null);
          }}
          onSeries={(result) => {
            setSeries(result);
            setSlot(null);
          }}
        />
      ) : null}
      {!user ? <p className="hint">{t('spaces.signInToBook')}</p> : !canBook ? <p className="hint">{t('spaces.cannotBook')}</p> : null}
      <Week
        space={space}
        canBook={canBook}
        onChoose={(chosen) => {
          setBooked(null);
          setSeries(null);
          setSlot(chosen);
        }}
      />
    </>
  );
}

/** A space: what it has, its rules in plain words, and its week of free and booked time to book from. */
export function SpacePage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={useSpace} title={t('spaces.title')}>
      {(space) => <SpaceDetails space={space} />}
    </RecordRoute>
  );
}
