import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canCreateEvents } from '../../auth/permissions';
import type { CommunityEvent } from '../../api/types';
import { useLocationNotice } from '../../components/useLocationNotice';
import { TextField } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { LoadMore } from '../../components/LoadMore';
import { currentLanguage } from '../../i18n';
import { useEnumLabel } from '../../i18n/labels';
import { formatMonth, formatTimeRange } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useAllEvents, useEvents } from './api';
import { EventCalendar } from './EventCalendar';
import { addMonths, dayKey, monthKey, monthOf, monthRange, parseMonthKey } from './time';
import { seatsLeft } from './status';
import { QueryList } from '../../components/QueryList';
import { ListHeader } from '../../components/RecordHeader';

function EventCard({ event }: { event: CommunityEvent }) {
  const { t, i18n } = useTranslation();
  const label = useEnumLabel();
  const left = seatsLeft(event);
  return (
    <li className="card event-card">
      <h3>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </h3>
      <p className="event-when">{formatTimeRange(event.startsAt, event.endsAt, currentLanguage(i18n))}</p>
      <p className="muted">
        {[event.venue?.name, event.venue?.city].filter(Boolean).join(', ') || municipalityName(event.municipalityCode)}
      </p>
      <p>
        {event.status !== 'published' ? <span className={`badge badge-${event.status}`}>{label('eventStatus', event.status)}</span> : null}{' '}
        {event.status === 'published' && left === 0 ? <span className="badge badge-full">{t('events.full')}</span> : null}
        {event.status === 'published' && left !== null && left > 0 ? <span className="muted">{t('events.seatsLeft', { count: left })}</span> : null}
      </p>
    </li>
  );
}

function UpcomingList({ q }: { q: string }) {
  const { t } = useTranslation();
  // "Now" is fixed for the page's life so the query key stays the same between renders.
  const [from] = useState(() => new Date().toISOString());
  const query = useEvents({ from, q });
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (query.isPending) return <Loading />;
  if (query.isError) return <ApiErrorMessage error={query.error} />;
  if (events.length === 0) return <p role="status">{q ? t('events.noMatches') : t('events.noUpcoming')}</p>;
  return (
    <>
      <ul className="card-grid event-list">
        {events.map((e) => (
          <EventCard key={e.id} event={e} />
        ))}
      </ul>
      <LoadMore query={query} />
    </>
  );
}

function MonthView({ monthParam, q, onMonth }: { monthParam: string | null; q: string; onMonth: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const now = new Date();
  const month = parseMonthKey(monthParam) ?? monthOf(now);
  const query = useAllEvents({ ...monthRange(month), q });
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);
  return (
    <>
      <div className="month-nav">
        <button type="button" className="button button-secondary" onClick={() => onMonth(monthKey(previous))}>
          ← {formatMonth(previous.year, previous.month, language)}
        </button>
        <h2 className="month-title" aria-live="polite">
          {formatMonth(month.year, month.month, language)}
        </h2>
        <button type="button" className="button button-secondary" onClick={() => onMonth(monthKey(next))}>
          {formatMonth(next.year, next.month, language)} →
        </button>
      </div>
      <QueryList query={query}>
        {(data) => (
          <>
            {data.length === 0 ? <p role="status">{t('events.noneThisMonth')}</p> : null}
            <EventCalendar month={month} events={data} today={dayKey(now)} />
          </>
        )}
      </QueryList>
    </>
  );
}

/** Events as upcoming cards or as a month calendar; anonymous visitors see published public events. */
export function EventsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'month' ? 'month' : 'list';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = params.get('q') ?? '';
  const notice = useLocationNotice();

  useEffect(() => {
    const handle = window.setTimeout(() => {
      if (search.trim() === (params.get('q') ?? '')) return;
      const next = new URLSearchParams(params);
      if (search.trim()) next.set('q', search.trim());
      else next.delete('q');
      setParams(next, { replace: true });
    }, 300);
    return () => window.clearTimeout(handle);
  }, [search, params, setParams]);

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <ListHeader title={t('events.title')} create={canCreateEvents(user) && { to: '/events/new', label: t('events.create') }} />
      <p className="lead">{user ? t('events.introSignedIn') : t('events.introPublic')}</p>
      {notice === 'deleted' ? <Alert tone="success">{t('events.deleted')}</Alert> : null}

      <div className="toolbar">
        <div className="segmented" role="group" aria-label={t('events.viewLabel')}>
          <button type="button" className="button button-secondary" aria-pressed={view === 'list'} onClick={() => setParam('view', null)}>
            {t('events.viewList')}
          </button>
          <button type="button" className="button button-secondary" aria-pressed={view === 'month'} onClick={() => setParam('view', 'month')}>
            {t('events.viewMonth')}
          </button>
        </div>
        <form role="search" aria-label={t('events.search')} onSubmit={(e) => e.preventDefault()} className="toolbar-search">
          <TextField id="events-q" label={t('events.search')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </form>
      </div>

      {view === 'month' ? <MonthView monthParam={params.get('month')} q={q} onMonth={(key) => setParam('month', key)} /> : <UpcomingList q={q} />}
    </>
  );
}
