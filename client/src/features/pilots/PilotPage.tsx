import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canManagePilot } from '../../auth/permissions';
import type { Pilot, PilotStage } from '../../api/types';
import { useLocationNotice } from '../../components/useLocationNotice';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { RecordRoute } from '../../components/QueryBoundary';
import { HistoryList } from '../../components/HistoryList';
import { TransitionPanel } from '../../components/TransitionPanel';
import { useEnumLabel } from '../../i18n/labels';
import { formatDate, formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { MemberLink } from '../members/MemberLink';
import { useMovePilot, usePilot, usePilotHistory } from './api';
import { pilotMoves, type PilotMove } from './stages';
import { AuditLink } from '../audit/AuditLink';
import { Detail } from '../../components/Detail';
import { EditLink, RecordHeader } from '../../components/RecordHeader';

function Moves({ pilot, etag, onReload }: { pilot: Pilot; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const move = useMovePilot();
  return (
    <TransitionPanel<PilotMove>
      moves={pilotMoves[pilot.stage]}
      moveLabel={(to) => t('pilots.moveTo', { stage: label('pilotStage', to) })}
      finalMove={{
        to: 'discontinued',
        label: t('pilots.discontinue'),
        confirmLabel: t('pilots.confirmDiscontinue'),
        question: t('pilots.discontinueQuestion'),
      }}
      noMovesText={t('pilots.final')}
      hint={pilot.stage === 'evaluating' ? t('pilots.needsResults') : null}
      note={{ id: 'pilot-move-note', label: t('pilots.moveNote') }}
      mutation={move}
      onMove={(to, note, done) => move.mutate({ pilot, to, note, etag }, { onSuccess: done })}
      onReload={onReload}
      refusal={(error) =>
        error.status === 409 ? (
          <Alert tone="warning" title={t('pilots.moveRefused')}>
            {error.problem?.detail ? <p>{error.problem.detail}</p> : null}
          </Alert>
        ) : null
      }
    />
  );
}

function History({ id }: { id: string }) {
  const label = useEnumLabel();
  const query = usePilotHistory(id);
  const entries = (query.data?.items ?? []).map((h) => ({ key: h.seq, from: h.from, to: h.to, at: h.at, by: h.actorName, note: h.note }));
  return <HistoryList headingId="pilot-history-title" query={query} entries={entries} label={(stage) => label('pilotStage', stage as PilotStage)} />;
}

export function PilotPage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={usePilot} title={t('pilots.title')}>
      {(p, etag, reload) => <PilotView p={p} etag={etag} onReload={() => void reload()} />}
    </RecordRoute>
  );
}

function PilotView({ p, etag, onReload }: { p: Pilot; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const notice = useLocationNotice();
  const manages = canManagePilot(user, p.ownerMemberId);
  const open = pilotMoves[p.stage].length > 0;
  const evaluation = p.evaluation;
  const hasEvaluation = evaluation && (evaluation.results || evaluation.impact || evaluation.learnings || evaluation.recommendation);
  const num = (n: number | null | undefined) => (n == null ? '–' : formatNumber(n));

  return (
    <>
      <RecordHeader list="/pilots" backLabel={t('pilots.backToBoard')} title={p.title}>
        {manages && open ? <EditLink to={`/pilots/${p.id}/edit`} /> : null}
      </RecordHeader>
      {notice === 'created' && p.stage === 'idea' ? <Alert tone="success">{t('pilots.created')}</Alert> : null}
      {notice === 'saved' ? <Alert tone="success">{t('form.saved')}</Alert> : null}

      <dl className="details">
        <Detail term={t('pilots.fields.stage')}>
          <span className={`badge badge-stage-${p.stage}`}>{label('pilotStage', p.stage)}</span>
        </Detail>
        <Detail term={t('pilots.fields.theme')}>{label('pilotTheme', p.theme)}</Detail>
        <Detail term={t('pilots.fields.municipalityCode')}>{municipalityName(p.municipalityCode)}</Detail>
        <Detail term={t('pilots.fields.owner')}>
          <MemberLink id={p.ownerMemberId} />
        </Detail>
        <Detail term={t('pilots.fields.planned')}>{p.plannedStart || p.plannedEnd ? `${formatDate(p.plannedStart)} – ${formatDate(p.plannedEnd)}` : '–'}</Detail>
        {p.startedOn ? (
          <Detail term={t('pilots.fields.actual')}>{`${formatDate(p.startedOn)} – ${formatDate(p.endedOn)}`}</Detail>
        ) : null}
        {p.budgetEur != null ? (
          <Detail term={t('pilots.fields.budgetEur')}>{formatNumber(p.budgetEur)} €</Detail>
        ) : null}
        {p.partnershipId ? (
          <Detail term={t('pilots.fields.partnership')}>
            <Link to={`/partnerships/${p.partnershipId}`}>{t('pilots.openPartnership')}</Link>
          </Detail>
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
          <Moves pilot={p} etag={etag} onReload={onReload} />
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
          <DataTable
            caption={t('pilots.fields.metrics')}
            rows={p.metrics}
            rowKey={(m) => m.id}
            columns={[
              {
                header: t('pilots.metricFields.name'),
                cell: (m) => (
                  <>
                    {m.name}
                    {m.unit ? <span className="muted"> ({m.unit})</span> : null}
                  </>
                ),
              },
              { header: t('pilots.metricFields.baseline'), cell: (m) => num(m.baseline) },
              { header: t('pilots.metricFields.target'), cell: (m) => num(m.target) },
              { header: t('pilots.metricFields.actual'), cell: (m) => num(m.actual) },
            ]}
          />
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
      <AuditLink entityType="pilots" entityId={p.id} />
    </>
  );
}
