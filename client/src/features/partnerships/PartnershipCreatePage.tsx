import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { PartnershipForm } from './PartnershipForm';
import { emptyPartnershipForm, formToPartnershipBody } from './form';
import { useCreatePartnership } from './api';

export function PartnershipCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePartnership();
  return (
    <>
      <PageTitle title={t('partnerships.createTitle')}>{t('partnerships.createTitle')}</PageTitle>
      <p className="lead">{t('partnerships.createIntro')}</p>
      <PartnershipForm
        initial={emptyPartnershipForm()}
        submitLabel={t('partnerships.create')}
        busy={create.isPending}
        error={create.error}
        onCancel={() => navigate('/partnerships')}
        onSubmit={(values) =>
          create.mutate(formToPartnershipBody(values), {
            onSuccess: (result) => navigate(`/partnerships/${result.data.id}`, { state: { notice: 'created' } }),
          })
        }
      />
    </>
  );
}
