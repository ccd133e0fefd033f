import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { MemberForm } from './MemberForm';
import { emptyMemberForm, formToBody } from './form';
import { useCreateMember } from './api';

export function MemberCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateMember();
  return (
    <>
      <PageTitle title={t('members.createTitle')}>{t('members.createTitle')}</PageTitle>
      <MemberForm
        initial={emptyMemberForm}
        submitLabel={t('members.create')}
        busy={create.isPending}
        error={create.error}
        onCancel={() => navigate('/members')}
        onSubmit={(values) =>
          create.mutate(formToBody(values), {
            onSuccess: (result) => navigate(`/members/${result.data.id}`, { state: { notice: 'created' } }),
          })
        }
      />
    </>
  );
}
