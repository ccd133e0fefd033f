import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { isStaff } from '../../auth/permissions';
import type { Partnership, PartnershipStatus } from '../../api/types';
import { useLocationNotice } from '../../components/useLocationNotice';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { RecordRoute } from '../../components/QueryBoundary';
import { HistoryList } from '../../components/HistoryList';
import { TransitionPanel } from '../../components/TransitionPanel';
import { useEnumLabel } from '../../i18n/labels';
import { formatDate, formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useDeletePartnership, useHistory, usePartnership, useReviews, useTransitionPartnership } from './api';
import { ReviewForm } from './ReviewForm';
import { partnershipMoves, type PartnershipMove } from './lifecycle';
import { AuditLink } from '../audit/AuditLink';
import { QueryList } from '../../components/QueryList';
import { Detail } from '../../components/Detail';
import { DeleteButton, EditLink, RecordHeader } from '../../components/RecordHeader';

function Lifecycle({ partnership, etag, onReload }: { partnership: Partnership; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const move = useTransitionPartnership(partnership.id);
  return (
    <TransitionPanel<PartnershipMove>
      moves={partnershipMoves[partnership.status]}
      moveLabel={(to) => t(`partnerships.moves.${to}`)}
      finalMove={{
        to: 'cancelled',
        label: t('partnerships.moves.cancelled'),
        confirmLabel: t('partnerships.confirmCancel'),
        question: t('partnerships.cancelQuestion'),
      }}
      noMovesText={t('partnerships.final')}
      note={{ id: 'partnership-move-note', label: t('partnerships.moveNote') }}
      mutation={move}
      onMove={(to, note, done) => move.mutate({ to, note, etag, version: partnership.version }, { onSuccess: done })}
      onReload={onReload}
    />
  );
}

function Reviews({ partnership, canReview }: { partnership: Partnership; canReview: boolean }) {
  const { t } = useTranslation();
  const query = useReviews(partnership.id);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const reviews = query.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="reviews-title">
      <div className="section-header">
        <h2 id="reviews-title">{t('reviews.title')}</h2>
        {canReview && !adding ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setSaved(false);
              setAdding(true);
            }}
          >
            {t('reviews.add')}
          </button>
        ) : null}
      </div>
      {partnership.nextReviewDue ? <p>{t('reviews.nextDue', { date: formatDate(partnership.nextReviewDue) })}</p> : null}
      {saved ? <Alert tone="success">{t('reviews.saved')}</Alert> : null}
      {adding ? (
        <ReviewForm
          partnership={partnership}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setSaved(true);
          }}
        />
      ) : null}
      <QueryList query={query} count={reviews.length} empty={<p>{t('reviews.none')}</p>}>
        {() => (
          <ul className="plain-list review-list">
            {[...reviews].reverse().map((r) => (
              <li key={r.id} className="card">
                <h3>{t('reviews.heading', { date: formatDate(r.reviewedOn) })}</h3>
                <p className="pre-line">{r.summary}</p>
                {r.goalProgress.length > 0 ? (
                  <ul className="progress-list">
                    {r.goalProgress.map((g) => (
                      <li key={g.goalId}>
                        <span>{g.goalTitle}</span>
                        <progress max={100} value={g.progress} aria-label={g.goalTitle} />
                        <span>{formatNumber(g.progress)} %</span>
                        {g.comment ? <span className="muted"> – {g.comment}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.nextSteps ? (
                  <p>
                    <strong>{t('reviews.nextSteps')}:</strong> {r.nextSteps}
                  </p>
                ) : null}
                {r.reviewedBy ? <p className="muted">{t('reviews.by', { name: r.reviewedBy })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </section>
  );
}

function History({ id }: { id: string }) {
  const label = useEnumLabel();
  const query = useHistory(id);
  const entries = (query.data?.items ?? []).map((h) => ({ key: h.id, from: h.from, to: h.to, at: h.at, by: h.byName, note: h.note }));
  return (
    <HistoryList
      headingId="history-title"
      query={query}
      entries={entries}
      label={(status) => label('partnershipStatus', status as PartnershipStatus)}
    />
  );
}

export function PartnershipPage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={usePartnership} title={t('partnerships.title')}>
      {(p, etag, reload) => <PartnershipView p={p} etag={etag} onReload={() => void reload()} />}
    </RecordRoute>
  );
}

function PartnershipView({ p, etag, onReload }: { p: Partnership; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const notice = useLocationNotice();
  const remove = useDeletePartnership(p.id);
  const staff = isStaff(user);
  const open = partnershipMoves[p.status].length > 0;

  return (
    <>
      <RecordHeader list="/partnerships" backLabel={t('partnerships.backToList')} title={p.title}>
        {staff ? (
          <>
            {open ? <EditLink to={`/partnerships/${p.id}/edit`} /> : null}
            <DeleteButton
              mutation={remove}
              variables={{ etag, version: p.version }}
              list="/partnerships"
              confirmLabel={t('partnerships.confirmDelete')}
              question={t('partnerships.deleteQuestion', { title: p.title })}
            />
          </>
        ) : null}
      </RecordHeader>
      {notice === 'created' && p.status === 'draft' ? <Alert tone="success">{t('partnerships.created')}</Alert> : null}
      {notice === 'saved' ? <Alert tone="success">{t('form.saved')}</Alert> : null}
      {remove.error ? <ApiErrorMessage error={remove.error} /> : null}

      <dl className="details">
        <Detail term={t('partnerships.fields.status')}>
          <span className={`badge badge-${p.status}`}>{label('partnershipStatus', p.status)}</span>
        </Detail>
        <Detail term={t('partnerships.fields.municipalityCode')}>{municipalityName(p.municipalityCode)}</Detail>
        <Detail term={t('partnerships.fields.serviceArea')}>{label('serviceArea', p.serviceArea)}</Detail>
        <Detail term={t('partnerships.fields.period')}>{p.startsOn || p.endsOn ? `${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}` : '–'}</Detail>
        {p.agreementRef ? (
          <Detail term={t('partnerships.fields.agreementRef')}>{p.agreementRef}</Detail>
        ) : null}
        {p.reviewIntervalMonths ? (
          <Detail term={t('partnerships.fields.reviewIntervalMonths')}>{t('partnerships.everyMonths', { count: p.reviewIntervalMonths })}</Detail>
        ) : null}
        <Detail term={t('partnerships.fields.nextReviewDue')}>{p.nextReviewDue ? formatDate(p.nextReviewDue) : '–'}</Detail>
      </dl>
      {p.description ? <p className="lead pre-line">{p.description}</p> : null}

      {staff ? (
        <section className="section panel" aria-labelledby="lifecycle-title">
          <h2 id="lifecycle-title">{t('partnerships.lifecycle')}</h2>
          <Lifecycle partnership={p} etag={etag} onReload={onReload} />
        </section>
      ) : null}

      <section className="section" aria-labelledby="parties-title">
        <h2 id="parties-title">{t('partnerships.fields.parties')}</h2>
        <DataTable
          caption={t('partnerships.fields.parties')}
          rows={p.parties}
          rowKey={(party) => party.memberId}
          columns={[
            {
              header: t('partnerships.partyFields.member'),
              cell: (party) => <Link to={`/members/${party.memberId}`}>{party.memberName}</Link>,
            },
            { header: t('partnerships.partyFields.role'), cell: (party) => label('partyRole', party.role) },
            { header: t('partnerships.partyFields.responsibilities'), cell: (party) => party.responsibilities ?? '' },
          ]}
        />
      </section>

      <section className="section" aria-labelledby="goals-title">
        <h2 id="goals-title">{t('partnerships.fields.goals')}</h2>
        {p.goals.length === 0 ? (
          <p>{t('partnerships.noGoals')}</p>
        ) : (
          <ul className="card-grid">
            {p.goals.map((g) => (
              <li key={g.id} className="card">
                <h3>{g.title}</h3>
                {g.indicator ? (
                  <p>
                    <strong>{t('partnerships.goalFields.indicator')}:</strong> {g.indicator}
                  </p>
                ) : null}
                {g.target ? (
                  <p>
                    <strong>{t('partnerships.goalFields.target')}:</strong> {g.target}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Reviews partnership={p} canReview={staff && open} />
      <History id={p.id} />
      <AuditLink entityType="partnerships" entityId={p.id} />
    </>
  );
}
