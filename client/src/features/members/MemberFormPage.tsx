import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canEditMember } from '../../auth/permissions';
import { RecordFormPage } from '../../components/RecordFormPage';
import { MemberForm } from './MemberForm';
import { emptyMemberForm, formToBody, memberToForm } from './form';
import { useCreateMember, useMember, useUpdateMember } from './api';

/** /members/new and /members/:id/edit. */
export function MemberFormPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <RecordFormPage
      path="/members"
      Form={MemberForm}
      toBody={formToBody}
      create={{ title: t('members.createTitle'), submitLabel: t('members.create'), initial: emptyMemberForm, useCreate: useCreateMember }}
      edit={{
        listTitle: t('members.title'),
        useRecord: useMember,
        useUpdate: useUpdateMember,
        title: (member) => t('members.editTitle', { name: member.name }),
        back: (member) => t('members.backToMember', { name: member.name }),
        toForm: memberToForm,
        refusal: (member) => (canEditMember(user, member.id) ? null : t('errors.forbidden')),
      }}
    />
  );
}
