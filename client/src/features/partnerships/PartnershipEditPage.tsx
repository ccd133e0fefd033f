import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Partnership } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { Alert } from '../../components/Alert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { PartnershipForm } from './PartnershipForm';
import { formToPartnershipBody, partnershipToForm } from './form';
import { usePartnership, useUpdatePartnership } from './api';

export function PartnershipEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = usePartnership(id);
  return (
    <QueryBoundary query={query} title={t('partnerships.title')}>
      {({ data, etag }) => <PartnershipEditView p={data} etag={etag} reload={() => query.refetch()} />}
    </QueryBoundary>
  );
}

function PartnershipEditView({ p, etag, reload }: { p: Partnership; etag: string | null; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdatePartnership(p.id);
  const [generation, setGeneration] = useState(0);
  const title = t('partnerships.editTitle', { title: p.title });
  if (p.status === 'ended' || p.status === 'cancelled') {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Alert tone="warning">{t('partnerships.final')}</Alert>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/partnerships/${p.id}`}>{t('partnerships.backTo', { title: p.title })}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <PartnershipForm
        key={`${p.id}-${p.version}-${generation}`}
        initial={partnershipToForm(p)}
        submitLabel={t('common.save')}
        busy={update.isPending}
        error={update.error}
        onCancel={() => navigate(`/partnerships/${p.id}`)}
        onReload={() => {
          update.reset();
          void reload().then(() => setGeneration((g) => g + 1));
        }}
        onSubmit={(values) =>
          update.mutate(
            { body: formToPartnershipBody(values), etag, version: p.version },
            { onSuccess: () => navigate(`/partnerships/${p.id}`, { state: { notice: 'saved' } }) },
          )
        }
      />
    </>
  );
}
