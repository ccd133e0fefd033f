import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canManagePilot } from '../../auth/permissions';
import { ApiError } from '../../api/problem';
import type { Pilot, PilotStage } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { useLocationNotice } from '../../components/useLocationNotice';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/fields';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useEnumLabel } from '../../i18n/labels';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { MemberLink } from '../members/MemberLink';
import { useMovePilot, usePilot, usePilotHistory } from './api';
import { pilotMoves } from './stages';

function Moves({ pilot, etag, onReload }: { pilot: Pilot; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const move = useMovePilot();
  const [note, setNote] = useState('');
  const moves = pilotMoves[pilot.stage];
  if (moves.length === 0) return <p className="hint">{t('pilots.final')}</p>;
  const run = (to: Exclude<PilotStage, 'idea'>) => move.mutate({ pilot, to, note: note.trim() || null, etag }, { onSuccess: () => setNote('') });
  return (
    <div className="transitions">
      {pilot.stage === 'evaluating' ? <p className="hint">{t('pilots.needsResults')}</p> : null}
      <TextField id="pilot-move-note" label={t('pilots.moveNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        {moves.map((to) =>
          to === 'discontinued' ? (
            <ConfirmButton
              key={to}
              label={t('pilots.discontinue')}
              confirmLabel={t('pilots.confirmDiscontinue')}
              question={t('pilots.discontinueQuestion')}
              busy={move.isPending}
              onConfirm={() => run(to)}
            />
          ) : (
            <button key={to} type="button" className="button" disabled={move.isPending} onClick={() => run(to)}>
              {t('pilots.moveTo', { stage: label('pilotStage', to) })}
            </button>
          ),
        )}
      </div>
      {move.error instanceof ApiError && move.error.isPreconditionFailed ? (
        <ConflictNotice
          onReload={() => {
            move.reset();
            onReload();
          }}
        />
      ) : move.error instanceof ApiError && move.error.status === 409 ? (
        <Alert tone="warning" title={t('pilots.moveRefused')}>
          {move.error.problem?.detail ? <p>{move.error.problem.detail}</p> : null}
        </Alert>
      ) : move.error ? (
        <ApiErrorMessage error={move.error} />
      ) : null}
    </div>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const query = usePilotHistory(id);
  const items = query.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="pilot-history-title">
      <h2 id="pilot-history-title">{t('history.title')}</h2>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ApiErrorMessage error={query.error} />
      ) : items.length === 0 ? (
        <p>{t('history.none')}</p>
      ) : (
        <ol className="history">
          {items.map((h) => (
            <li key={h.seq}>
              <strong>
                {label('pilotStage', h.from)} → {label('pilotStage', h.to)}
              </strong>{' '}
              <span className="muted">
                {formatDateTime(h.at)}
                {h.actorName ? `, ${h.actorName}` : ''}
              </span>
              {h.note ? <p className="history-note">{h.note}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function PilotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const notice = useLocationNotice();
  const query = usePilot(id);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <PageTitle title={t('pilots.title')}>{t('pilots.title')}</PageTitle>
        <ApiErrorMessage error={query.error} />
      </>
    );
  }
  const { data: p, etag } = query.data;
  const manages = canManagePilot(user, p.ownerMemberId);
  const open = pilotMoves[p.stage].length > 0;
  const evaluation = p.evaluation;
  const hasEvaluation = evaluation && (evaluation.results || evaluation.impact || evaluation.learnings || evaluation.recommendation);
  const num = (n: number | null | undefined) => (n == null ? '–' : formatNumber(n));

  return (
    <>
      <p className="breadcrumb">
        <Link to="/pilots">{t('pilots.backToBoard')}</Link>
      </p>
      <div className="page-header">
        <PageTitle title={p.title}>{p.title}</PageTitle>
        {manages && open ? (
          <div className="page-actions">
            <Link className="button" to={`/pilots/${p.id}/edit`}>
              {t('common.edit')}
            </Link>
          </div>
        ) : null}
      </div>
      {notice === 'created' && p.stage === 'idea' ? <Alert tone="success">{t('pilots.created')}</Alert> : null}
      {notice === 'saved' ? <Alert tone="success">{t('form.saved')}</Alert> : null}

      <dl className="details">
        <div>
          <dt>{t('pilots.fields.stage')}</dt>
          <dd>
            <span className={`badge badge-stage-${p.stage}`}>{label('pilotStage', p.stage)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('pilots.fields.theme')}</dt>
          <dd>{label('pilotTheme', p.theme)}</dd>
        </div>
        <div>
          <dt>{t('pilots.fields.municipalityCode')}</dt>
          <dd>{municipalityName(p.municipalityCode)}</dd>
        </div>
        <div>
          <dt>{t('pilots.fields.owner')}</dt>
          <dd>
            <MemberLink id={p.ownerMemberId} />
          </dd>
        </div>
        <div>
          <dt>{t('pilots.fields.planned')}</dt>
          <dd>{p.plannedStart || p.plannedEnd ? `${formatDate(p.plannedStart)} – ${formatDate(p.plannedEnd)}` : '–'}</dd>
        </div>
        {p.startedOn ? (
          <div>
            <dt>{t('pilots.fields.actual')}</dt>
            <dd>{`${formatDate(p.startedOn)} – ${formatDate(p.endedOn)}`}</dd>
          </div>
        ) : null}
        {p.budgetEur != null ? (
          <div>
            <dt>{t('pilots.fields.budgetEur')}</dt>
            <dd>{formatNumber(p.budgetEur)} €</dd>
          </div>
        ) : null}
        {p.partnershipId ? (
          <div>
            <dt>{t('pilots.fields.partnership')}</dt>
            <dd>
              <Link to={`/partnerships/${p.partnershipId}`}>{t('pilots.openPartnership')}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {p.problem ? (
        <>
          <h2>{t('pilots.fields.problem')}</h2>
          <p className="pre-line">{p.problem}</p>
        </>
      ) : null}
      {p.hypothesis ? (
        <>
          <h2>{t('pilots.fields.hypothesis')}</h2>
          <p className="pre-line">{p.hypothesis}</p>
        </>
      ) : null}

      {manages ? (
        <section className="section panel" aria-labelledby="pilot-moves-title">
          <h2 id="pilot-moves-title">{t('pilots.fields.stage')}</h2>
          <Moves pilot={p} etag={etag} onReload={() => void query.refetch()} />
        </section>
      ) : null}

      {p.team.length > 0 ? (
        <section className="section" aria-labelledby="pilot-team-title">
          <h2 id="pilot-team-title">{t('pilots.fields.team')}</h2>
          <ul className="plain-list">
            {p.team.map((m) => (
              <li key={m.memberId}>
                <MemberLink id={m.memberId} />
                {m.role ? <span className="muted"> – {m.role}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="section" aria-labelledby="pilot-metrics-title">
        <h2 id="pilot-metrics-title">{t('pilots.fields.metrics')}</h2>
        {p.metrics.length === 0 ? (
          <p>{t('pilots.noMetrics')}</p>
        ) : (
          <table className="data-table responsive">
            <caption className="visually-hidden">{t('pilots.fields.metrics')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pilots.metricFields.name')}</th>
                <th scope="col">{t('pilots.metricFields.baseline')}</th>
                <th scope="col">{t('pilots.metricFields.target')}</th>
                <th scope="col">{t('pilots.metricFields.actual')}</th>
              </tr>
            </thead>
            <tbody>
              {p.metrics.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label={t('pilots.metricFields.name')}>
                    {m.name}
                    {m.unit ? <span className="muted"> ({m.unit})</span> : null}
                  </th>
                  <td data-label={t('pilots.metricFields.baseline')}>{num(m.baseline)}</td>
                  <td data-label={t('pilots.metricFields.target')}>{num(m.target)}</td>
                  <td data-label={t('pilots.metricFields.actual')}>{num(m.actual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="section" aria-labelledby="pilot-evaluation-title">
        <h2 id="pilot-evaluation-title">{t('pilots.fields.evaluation')}</h2>
        {hasEvaluation ? (
          <dl className="evaluation">
            {(['results', 'impact', 'learnings', 'recommendation'] as const).map((key) =>
              evaluation[key] ? (
                <div key={key}>
                  <dt>{t(`pilots.evaluation.${key}`)}</dt>
                  <dd className="pre-line">{evaluation[key]}</dd>
                </div>
              ) : null,
            )}
          </dl>
        ) : (
          <p>{t('pilots.noEvaluation')}</p>
        )}
      </section>

      <History id={p.id} />
    </>
  );
}
