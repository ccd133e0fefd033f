import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMember } from './api';

/** A link to a member, named once its details load (they are cached for the detail page too). */
export function MemberLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const member = useMember(id);
  return <Link to={`/members/${id}`}>{member.data?.data.name ?? t('users.openMember')}</Link>;
}
