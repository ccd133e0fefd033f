import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { statsKey, useApi, useCurrentUser } from '../../app/services';
import { unwrapData } from '../../api/client';
import { partnershipStatuses, type CountBy } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { Loading } from '../../components/Loading';
import { currentLanguage } from '../../i18n';
import { useEnumLabel } from '../../i18n/labels';
import { formatDate, formatNumber, formatTimeRange } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useEvents } from '../events/api';
import { usePartnerships } from '../partnerships/api';
import { QueryList } from '../../components/QueryList';
import { TodayBookings } from '../spaces/TodayBookings';

// Charts pull in recharts; they load separately so the rest of the app starts faster.
const BarChartFigure = lazy(() => import('./BarChartFigure'));

function useStats() {
  const api = useApi();
  return useQuery({ queryKey: statsKey, queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/stats', { signal })) });
}

function Figure({ value, label, to }: { value: string; label: string; to?: string }) {
  return (
    <li className="card figure">
      <span className="figure-value">{value}</span>
      <span className="figure-label">{to ? <Link to={to}>{label}</Link> : label}</span>
    </li>
  );
}

/** A dashboard list: each row links to a record, with a note after the link. */
function LinkList<T extends { id: string }>({
  query,
  rows,
  empty,
  link,
  note,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  rows: readonly T[];
  empty: string;
  /** The record's address and the link's text. */
  link: (row: T) => [string, string];
  note: (row: T) => string;
}) {
  return (
    <QueryList query={query} count={rows.length} empty={<p>{empty}</p>}>
      {() => (
        <ul className="plain-list link-list">
          {rows.map((row) => (
            <li key={row.id}>
              <Link to={link(row)[0]}>{link(row)[1]}</Link> <span className="muted">{note(row)}</span>
            </li>
          ))}
        </ul>
      )}
    </QueryList>
  );
}

/**
 * What the "upcoming events" figure counts: published events that have not started yet. Drafts and events
 * already under way are left out here too, so the list and the figure above it agree.
 */
function UpcomingEvents({ total }: { total: number | undefined }) {
  const { t, i18n } = useTranslation();
  const [from] = useState(() => new Date().toISOString());
  const query = useEvents({ from, status: 'published' }, 6);
  const events = (query.data?.pages[0]?.items ?? []).filter((e) => e.startsAt !== null && Date.parse(e.startsAt) > Date.parse(from)).slice(0, 5);
  return (
    <section className="section" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{t('dashboard.upcoming')}</h2>
      <LinkList
        query={query}
        rows={events}
        empty={t('events.noUpcoming')}
        link={(e) => [`/events/${e.id}`, e.title]}
        note={(e) => formatTimeRange(e.startsAt, e.endsAt, currentLanguage(i18n))}
      />
      {total !== undefined && total > events.length && events.length > 0 ? (
        <p className="muted">{t('dashboard.upcomingShown', { shown: formatNumber(events.length), total: formatNumber(total) })}</p>
      ) : null}
      <p>
        <Link to="/events">{t('dashboard.allEvents')}</Link>
      </p>
    </section>
  );
}

function OverdueReviews() {
  const { t } = useTranslation();
  const query = usePartnerships({ reviewDue: true }, 10);
  const rows = query.data?.pages[0]?.items ?? [];
  return (
    <section className="section" aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t('dashboard.overdue')}</h2>
      <LinkList
        query={query}
        rows={rows}
        empty={t('dashboard.noneOverdue')}
        link={(p) => [`/partnerships/${p.id}`, p.title]}
        note={(p) => `${municipalityName(p.municipalityCode)} · ${t('dashboard.dueOn', { date: formatDate(p.nextReviewDue) })}`}
      />
      <p>
        <Link to="/partnerships?reviewDue=true">{t('dashboard.allOverdue')}</Link>
      </p>
    </section>
  );
}

/** The signed-in front page: key figures and charts from /api/v1/stats, what is coming and what is late. */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const stats = useStats();
  const title = t('home.welcome', { name: user?.displayName ?? '' });
  const toData = (rows: CountBy[], name: (key: string) => string) => rows.map((r) => ({ label: name(r.key), count: Number(r.count) }));

  return (
    <>
      <PageTitle title={t('dashboard.title')}>{title}</PageTitle>
      {user ? (
        <div className="signed-in">
          <p className="lead">{t('home.signedInAs', { email: user.email, role: label('role', user.role) })}</p>
          {user.memberId ? (
            <p>
              <Link className="button" to={`/members/${user.memberId}`}>
                {t('home.ownMember')}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <QueryList query={stats}>
        {(data) => (
          <>
            <h2 className="visually-hidden">{t('dashboard.figures')}</h2>
            <ul className="figures">
              <Figure value={formatNumber(data.members.total)} label={t('dashboard.members')} to="/members" />
              <Figure value={formatNumber(data.partnerships.total)} label={t('dashboard.partnerships')} to="/partnerships" />
              <Figure value={formatNumber(data.partnerships.reviewsOverdue)} label={t('dashboard.reviewsOverdue')} to="/partnerships?reviewDue=true" />
              <Figure value={formatNumber(data.pilots.total)} label={t('dashboard.pilots')} />
              <Figure value={formatNumber(data.events.upcoming)} label={t('dashboard.upcomingEvents')} to="/events" />
              <Figure value={formatNumber(data.events.upcomingRegistrations)} label={t('dashboard.registrations')} />
              {data.events.averageFeedback != null ? (
                <Figure
                  value={formatNumber(Math.round(data.events.averageFeedback * 10) / 10)}
                  label={t('dashboard.feedback', { count: data.events.feedbackCount })}
                />
              ) : null}
            </ul>
            <Suspense fallback={<Loading />}>
              <div className="chart-grid">
                <BarChartFigure
                  id="chart-members"
                  title={t('dashboard.membersByKind')}
                  valueLabel={t('dashboard.count')}
                  data={toData(data.members.byKind, (k) => label('kind', k))}
                />
                <BarChartFigure
                  id="chart-partnership-status"
                  title={t('dashboard.partnershipsByStatus')}
                  valueLabel={t('dashboard.count')}
                  data={toData(
                    [...data.partnerships.byStatus].sort(
                      (a, b) => (partnershipStatuses as readonly string[]).indexOf(a.key) - (partnershipStatuses as readonly string[]).indexOf(b.key),
                    ),
                    (k) => label('partnershipStatus', k),
                  )}
                />
                <BarChartFigure
                  id="chart-partnership-municipality"
                  title={t('dashboard.partnershipsByMunicipality')}
                  valueLabel={t('dashboard.count')}
                  data={toData(data.partnerships.byMunicipality, municipalityName)}
                />
                <BarChartFigure
                  id="chart-pilots"
                  title={t('dashboard.pilotsByStage')}
                  valueLabel={t('dashboard.count')}
                  data={toData(data.pilots.byStage, (k) => label('pilotStage', k))}
                />
              </div>
            </Suspense>
          </>
        )}
      </QueryList>
      <div className="two-columns">
        <UpcomingEvents total={stats.data?.events.upcoming} />
        <OverdueReviews />
      </div>
      <TodayBookings />
    </>
  );
}
