import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useCurrentUser } from '../../app/services';
import { canEditMember } from '../../auth/permissions';
import { Alert } from '../../components/Alert';
import { MemberForm } from './MemberForm';
import { formToBody, memberToForm } from './form';
import { useMember, useUpdateMember } from './api';

export function MemberEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useMember(id);
  return (
    <QueryBoundary query={query} title={t('members.title')}>
      {({ data, etag }) => <MemberEditView member={data} etag={etag} reload={() => query.refetch()} />}
    </QueryBoundary>
  );
}

function MemberEditView({ member, etag, reload }: { member: Member; etag: string | null; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const update = useUpdateMember(member.id);
  // Bumped on reload after a 412 so the form starts again from the newest version.
  const [generation, setGeneration] = useState(0);
  const title = t('members.editTitle', { name: member.name });
  if (!canEditMember(user, member.id)) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Alert tone="warning">{t('errors.forbidden')}</Alert>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/members/${member.id}`}>{t('members.backToMember', { name: member.name })}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <MemberForm
        key={`${member.id}-${String(member.version)}-${generation}`}
        initial={memberToForm(member)}
        submitLabel={t('common.save')}
        busy={update.isPending}
        error={update.error}
        onCancel={() => navigate(`/members/${member.id}`)}
        onReload={() => {
          update.reset();
          void reload().then(() => setGeneration((g) => g + 1));
        }}
        onSubmit={(values) =>
          update.mutate(
            { body: formToBody(values), etag, version: member.version },
            { onSuccess: () => navigate(`/members/${member.id}`, { state: { notice: 'saved' } }) },
          )
        }
      />
    </>
  );
}
