import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { PageTitle } from '../../components/PageTitle';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PartnershipForm } from './PartnershipForm';
import { formToPartnershipBody, partnershipToForm } from './form';
import { usePartnership, useUpdatePartnership } from './api';

export function PartnershipEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = usePartnership(id);
  const update = useUpdatePartnership(id);
  const [generation, setGeneration] = useState(0);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ApiErrorMessage error={query.error} />;
  }
  const { data: p, etag } = query.data;
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
          void query.refetch().then(() => setGeneration((g) => g + 1));
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
