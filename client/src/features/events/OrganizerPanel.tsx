import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityEvent } from '../../api/types';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { TransitionPanel } from '../../components/TransitionPanel';
import { Loading } from '../../components/Loading';
import { useEnumLabel } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useExportRegistrations, useFeedbackSummary, useRegistrations, useTransitionEvent } from './api';
import { eventMoves, type EventMove } from './status';
import { QueryTable } from '../../components/QueryList';

/** The lifecycle moves the API allows now, as buttons; a move that cannot be undone asks first. */
function Transitions({ event, etag, onReload }: { event: CommunityEvent; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const move = useTransitionEvent(event.id);
  return (
    <TransitionPanel<EventMove>
      moves={eventMoves[event.status]}
      moveLabel={(to) => t(`events.moves.${to}`)}
      finalMove={{
        to: 'cancelled',
        label: t('events.moves.cancelled'),
        confirmLabel: t('events.confirmCancel'),
        question: t('events.cancelQuestion'),
      }}
      noMovesText={t('events.noMoves')}
      mutation={move}
      onMove={(to, _note, done) => move.mutate({ to, etag, version: event.version }, { onSuccess: done })}
      onReload={onReload}
    />
  );
}

function Registrations({ event }: { event: CommunityEvent }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const query = useRegistrations(event.id, true);
  const exportCsv = useExportRegistrations(event.id);
  const [showCancelled, setShowCancelled] = useState(false);
  const all = query.data?.pages.flatMap((p) => p.items) ?? [];
  const rows = showCancelled ? all : all.filter((r) => r.status !== 'cancelled');
  return (
    <section className="section" aria-labelledby="registrations-title">
      <div className="section-header">
        <h2 id="registrations-title">{t('events.registrations')}</h2>
        <button type="button" className="button button-secondary" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
          {t('events.exportCsv')}
        </button>
      </div>
      {exportCsv.error ? <ApiErrorMessage error={exportCsv.error} /> : null}
      <div className="checkbox">
        <input type="checkbox" id="registrations-show-cancelled" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} />
        <label htmlFor="registrations-show-cancelled">{t('events.showCancelled')}</label>
      </div>
      <QueryTable
        query={query}
        empty={<p>{t('events.noRegistrations')}</p>}
        caption={t('events.registrations')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('registration.name'), cell: (r) => r.name },
          { header: t('registration.email'), cell: (r) => r.email },
          {
            header: t('events.registrationStatus'),
            cell: (r) => (
              <>
                {label('registrationStatus', r.status)}
                {r.status === 'waitlisted' && r.waitlistPosition != null ? ` (${formatNumber(r.waitlistPosition)}.)` : ''}
              </>
            ),
          },
          { header: t('registration.notes'), cell: (r) => r.notes ?? '' },
          { header: t('events.registeredAt'), cell: (r) => formatDateTime(r.createdAt) },
        ]}
      />
      <LoadMore query={query} />
    </section>
  );
}

function FeedbackSummaryView({ event }: { event: CommunityEvent }) {
  const { t } = useTranslation();
  const query = useFeedbackSummary(event.id, true);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ApiErrorMessage error={query.error} />;
  const summary = query.data;
  const max = Math.max(1, ...Object.values(summary.distribution));
  return (
    <section className="section" aria-labelledby="feedback-summary-title">
      <h2 id="feedback-summary-title">{t('feedback.summaryTitle')}</h2>
      {summary.count === 0 ? (
        <p>{t('feedback.none')}</p>
      ) : (
        <>
          <p>{t('feedback.summary', { count: summary.count, average: formatNumber(Math.round((summary.average ?? 0) * 10) / 10) })}</p>
          <table className="bars">
            <caption className="visually-hidden">{t('feedback.distribution')}</caption>
            <tbody>
              {['5', '4', '3', '2', '1'].map((key) => {
                const n = summary.distribution[key] ?? 0;
                return (
                  <tr key={key}>
                    <th scope="row">{t(`feedback.ratings.${key as '1' | '2' | '3' | '4' | '5'}`)}</th>
                    <td>
                      <span className="bar" style={{ width: `${(n / max) * 100}%` }} aria-hidden="true" />
                      <span className="bar-value">{formatNumber(n)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** What organisers see on an event's page: moves, registrations with CSV export and feedback. */
export function OrganizerPanel({ event, etag, onReload }: { event: CommunityEvent; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <>
      <section className="section panel" aria-labelledby="organizer-title">
        <h2 id="organizer-title">{t('events.organizerTitle')}</h2>
        <p>
          {t('events.fields.status')}: <span className={`badge badge-${event.status}`}>{label('eventStatus', event.status)}</span>
        </p>
        <Transitions event={event} etag={etag} onReload={onReload} />
      </section>
      <Registrations event={event} />
      <FeedbackSummaryView event={event} />
    </>
  );
}
