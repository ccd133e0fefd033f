import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Pilot } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { canManagePilot } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { Alert } from '../../components/Alert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { PilotForm } from './PilotForm';
import { formToPilotBody, pilotToForm } from './form';
import { usePilot, useUpdatePilot } from './api';
import { pilotMoves } from './stages';

export function PilotEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = usePilot(id);
  return (
    <QueryBoundary query={query} title={t('pilots.title')}>
      {({ data, etag }) => <PilotEditView p={data} etag={etag} reload={() => query.refetch()} />}
    </QueryBoundary>
  );
}

function PilotEditView({ p, etag, reload }: { p: Pilot; etag: string | null; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const update = useUpdatePilot(p.id);
  const [generation, setGeneration] = useState(0);
  const title = t('pilots.editTitle', { title: p.title });
  if (!canManagePilot(user, p.ownerMemberId) || pilotMoves[p.stage].length === 0) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Alert tone="warning">{canManagePilot(user, p.ownerMemberId) ? t('pilots.final') : t('errors.forbidden')}</Alert>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/pilots/${p.id}`}>{t('pilots.backTo', { title: p.title })}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <PilotForm
        key={`${p.id}-${p.version}-${generation}`}
        initial={pilotToForm(p)}
        submitLabel={t('common.save')}
        busy={update.isPending}
        error={update.error}
        onCancel={() => navigate(`/pilots/${p.id}`)}
        onReload={() => {
          update.reset();
          void reload().then(() => setGeneration((g) => g + 1));
        }}
        onSubmit={(values) =>
          update.mutate(
            { body: formToPilotBody(values), etag, version: p.version },
            { onSuccess: () => navigate(`/pilots/${p.id}`, { state: { notice: 'saved' } }) },
          )
        }
      />
    </>
  );
}
