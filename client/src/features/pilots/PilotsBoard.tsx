import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canCreateEvents, canManagePilot } from '../../auth/permissions';
import { ApiError } from '../../api/problem';
import { pilotStages, pilotThemes, type Pilot } from '../../api/types';
import { SelectField, TextField } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { useEnumLabel, useEnumOptions } from '../../i18n/labels';
import { formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useUrlFilters } from '../../components/useUrlFilters';
import { useAllPilots, useMovePilot } from './api';
import { nextStage } from './stages';
import { QueryList } from '../../components/QueryList';
import { ListHeader } from '../../components/RecordHeader';

function PilotCard({ pilot, onMove, busy }: { pilot: Pilot; onMove: (pilot: Pilot) => void; busy: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const next = nextStage(pilot.stage);
  return (
    <li className="card pilot-card">
      <h3 id={`pilot-title-${pilot.id}`}>
        <Link to={`/pilots/${pilot.id}`}>{pilot.title}</Link>
      </h3>
      <p className="muted">
        {label('pilotTheme', pilot.theme)} · {municipalityName(pilot.municipalityCode)}
      </p>
      {next && canManagePilot(user, pilot.ownerMemberId) ? (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          aria-describedby={`pilot-title-${pilot.id}`}
          onClick={() => onMove(pilot)}
        >
          {t('pilots.moveTo', { stage: label('pilotStage', next) })}
        </button>
      ) : null}
    </li>
  );
}

/** Pilots as a board: one column per stage, from idea to adopted or discontinued. */
export function PilotsBoard() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const options = useEnumOptions();
  const { values, filter, searchField } = useUrlFilters(['q', 'theme'] as const);
  const theme = values.theme ?? '';
  const q = values.q ?? '';
  const query = useAllPilots({ q, theme });
  const move = useMovePilot();
  const [moved, setMoved] = useState<string | null>(null);

  const onMove = (pilot: Pilot) => {
    const to = nextStage(pilot.stage);
    if (!to) return;
    setMoved(null);
    move.mutate(
      { pilot, to, note: null },
      { onSuccess: () => setMoved(t('pilots.moved', { title: pilot.title, stage: label('pilotStage', to) })) },
    );
  };

  return (
    <>
      <ListHeader title={t('pilots.title')} create={canCreateEvents(user) && { to: '/pilots/new', label: t('pilots.create') }} />
      <p className="lead">{t('pilots.intro')}</p>
      {moved ? <Alert tone="success">{moved}</Alert> : null}
      {move.error instanceof ApiError && move.error.status === 409 ? (
        <Alert tone="warning" title={t('pilots.moveRefused')}>
          {move.error.problem?.detail ? <p>{move.error.problem.detail}</p> : null}
        </Alert>
      ) : move.error ? (
        <ApiErrorMessage error={move.error} />
      ) : null}

      <form className="filters" role="search" aria-label={t('pilots.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextField id="pilots-q" label={t('pilots.search')} type="search" {...searchField} />
        <SelectField id="pilots-theme" label={t('pilots.fields.theme')} emptyLabel={t('form.all')} options={options('pilotTheme', pilotThemes)} {...filter('theme')} />
      </form>

      <QueryList query={query}>
        {(data) => (
          // Focusable so the board can be scrolled sideways with the keyboard when its columns do not fit.
          <div className="board-scroll" role="region" aria-label={t('pilots.board')} tabIndex={0}>
            <div className="board" role="list" aria-label={t('pilots.board')}>
              {pilotStages.map((stage) => {
                const column = data.filter((p) => p.stage === stage);
                return (
                  <section key={stage} className={`board-column stage-${stage}`} role="listitem" aria-labelledby={`stage-${stage}`}>
                    <h2 id={`stage-${stage}`}>
                      {label('pilotStage', stage)} <span className="count">({formatNumber(column.length)})</span>
                    </h2>
                    {column.length === 0 ? (
                      <p className="muted">{t('pilots.emptyColumn')}</p>
                    ) : (
                      <ul className="plain-list">
                        {column.map((p) => (
                          <PilotCard key={p.id} pilot={p} onMove={onMove} busy={move.isPending} />
                        ))}
                      </ul>
                    )}
                  </section>
                );
              })}
            </div>
          </div>
        )}
      </QueryList>
    </>
  );
}
