import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { canDeleteMembers, canEditMember, canSeeContacts } from '../../auth/permissions';
import { ApiError } from '../../api/problem';
import { useLocationNotice } from '../../components/useLocationNotice';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConflictNotice } from '../../components/ConflictNotice';
import { RecordRoute } from '../../components/QueryBoundary';
import { Alert } from '../../components/Alert';
import { useEnumLabel } from '../../i18n/labels';
import { formatDate, formatDateTime } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useDeleteMember, useMember } from './api';
import { ContactsSection } from './ContactsSection';
import { AuditLink } from '../audit/AuditLink';
import { Detail } from '../../components/Detail';
import { DeleteButton, EditLink, RecordHeader } from '../../components/RecordHeader';

export function MemberPage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={useMember} title={t('members.title')}>
      {(member, etag, reload) => <MemberView member={member} etag={etag} onReload={() => void reload()} />}
    </RecordRoute>
  );
}

function MemberView({ member, etag, onReload }: { member: Member; etag: string | null; onReload: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const notice = useLocationNotice();
  const remove = useDeleteMember(member.id);
  const address = [member.address?.street, [member.address?.postalCode, member.address?.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <RecordHeader list="/members" backLabel={t('members.backToList')} title={member.name}>
        {canEditMember(user, member.id) ? <EditLink to={`/members/${member.id}/edit`} /> : null}
        {canDeleteMembers(user) ? (
          <DeleteButton
            mutation={remove}
            variables={{ etag, version: member.version }}
            list="/members"
            confirmLabel={t('members.confirmDelete')}
            question={t('members.deleteQuestion', { name: member.name })}
          />
        ) : null}
      </RecordHeader>
      {notice === 'created' ? <Alert tone="success">{t('members.created')}</Alert> : null}
      {notice === 'saved' ? <Alert tone="success">{t('form.saved')}</Alert> : null}
      {remove.error instanceof ApiError && remove.error.isPreconditionFailed ? (
        <ConflictNotice
          onReload={() => {
            remove.reset();
            onReload();
          }}
        />
      ) : remove.error ? (
        <ApiErrorMessage error={remove.error} />
      ) : null}

      {member.description ? <p className="lead">{member.description}</p> : null}

      <dl className="details">
        <Detail term={t('members.fields.businessId')}>{member.businessId}</Detail>
        <Detail term={t('members.fields.kind')}>{label('kind', member.kind)}</Detail>
        <Detail term={t('members.fields.municipalityCode')}>{municipalityName(member.municipalityCode)}</Detail>
        <Detail term={t('members.fields.sectors')}>{(member.sectors ?? []).length > 0 ? (member.sectors ?? []).map((s) => label('sector', s)).join(', ') : '–'}</Detail>
        <Detail term={t('members.fields.membershipStatus')}>
          <span className={`badge badge-${member.membership?.status ?? 'unknown'}`}>{label('membershipStatus', member.membership?.status)}</span>
        </Detail>
        {member.membership?.joinedOn ? (
          <Detail term={t('members.fields.joinedOn')}>{formatDate(member.membership.joinedOn)}</Detail>
        ) : null}
        {member.membership?.endedOn ? (
          <Detail term={t('members.fields.endedOn')}>{formatDate(member.membership.endedOn)}</Detail>
        ) : null}
        {member.website ? (
          <Detail term={t('members.fields.website')}>
            <a href={member.website} rel="noopener noreferrer" target="_blank">
              {member.website}
              <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
            </a>
          </Detail>
        ) : null}
        {member.email ? (
          <Detail term={t('members.fields.email')}>
            <a href={`mailto:${member.email}`}>{member.email}</a>
          </Detail>
        ) : null}
        {member.phone ? (
          <Detail term={t('members.fields.phone')}>
            <a href={`tel:${member.phone.replace(/\s+/g, '')}`}>{member.phone}</a>
          </Detail>
        ) : null}
        {address ? (
          <Detail term={t('members.fields.address')}>{address}</Detail>
        ) : null}
        {member.updatedAt ? (
          <Detail term={t('common.updatedAt')}>{formatDateTime(member.updatedAt)}</Detail>
        ) : null}
      </dl>

      {canSeeContacts(user, member.id) ? <ContactsSection memberId={member.id} canEdit={canEditMember(user, member.id)} /> : null}
      <AuditLink entityType="members" entityId={member.id} />
    </>
  );
}
