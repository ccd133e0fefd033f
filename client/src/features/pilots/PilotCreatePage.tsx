import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { PageTitle } from '../../components/PageTitle';
import { PilotForm } from './PilotForm';
import { emptyPilotForm, formToPilotBody } from './form';
import { useCreatePilot } from './api';

export function PilotCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const create = useCreatePilot();
  return (
    <>
      <PageTitle title={t('pilots.createTitle')}>{t('pilots.createTitle')}</PageTitle>
      <p className="lead">{t('pilots.createIntro')}</p>
      <PilotForm
        initial={emptyPilotForm(user?.role === 'member_editor' ? user.memberId : null)}
        submitLabel={t('pilots.create')}
        busy={create.isPending}
        error={create.error}
        onCancel={() => navigate('/pilots')}
        onSubmit={(values) =>
          create.mutate(formToPilotBody(values), {
            onSuccess: (result) => navigate(`/pilots/${result.data.id}`, { state: { notice: 'created' } }),
          })
        }
      />
    </>
  );
}
