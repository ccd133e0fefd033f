import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { canDeleteMembers, canEditMember, canSeeContacts } from '../../auth/permissions';
import { ApiError } from '../../api/problem';
import { PageTitle } from '../../components/PageTitle';
import { useLocationNotice } from '../../components/useLocationNotice';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { RecordRoute } from '../../components/QueryBoundary';
import { Alert } from '../../components/Alert';
import { useEnumLabel } from '../../i18n/labels';
import { formatDate, formatDateTime } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useDeleteMember, useMember } from './api';
import { ContactsSection } from './ContactsSection';
import { AuditLink } from '../audit/AuditLink';

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
  const navigate = useNavigate();
  const notice = useLocationNotice();
  const remove = useDeleteMember(member.id);
  const address = [member.address?.street, [member.address?.postalCode, member.address?.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/members">{t('members.backToList')}</Link>
      </p>
      <div className="page-header">
        <PageTitle title={member.name}>{member.name}</PageTitle>
        <div className="page-actions">
          {canEditMember(user, member.id) ? (
            <Link className="button" to={`/members/${member.id}/edit`}>
              {t('common.edit')}
            </Link>
          ) : null}
          {canDeleteMembers(user) ? (
            <ConfirmButton
              label={t('common.delete')}
              confirmLabel={t('members.confirmDelete')}
              question={t('members.deleteQuestion', { name: member.name })}
              busy={remove.isPending}
              onConfirm={() =>
                remove.mutate(
                  { etag, version: member.version },
                  { onSuccess: () => navigate('/members', { state: { notice: 'deleted' } }) },
                )
              }
            />
          ) : null}
        </div>
      </div>
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
        <div>
          <dt>{t('members.fields.businessId')}</dt>
          <dd>{member.businessId}</dd>
        </div>
        <div>
          <dt>{t('members.fields.kind')}</dt>
          <dd>{label('kind', member.kind)}</dd>
        </div>
        <div>
          <dt>{t('members.fields.municipalityCode')}</dt>
          <dd>{municipalityName(member.municipalityCode)}</dd>
        </div>
        <div>
          <dt>{t('members.fields.sectors')}</dt>
          <dd>{(member.sectors ?? []).length > 0 ? (member.sectors ?? []).map((s) => label('sector', s)).join(', ') : '–'}</dd>
        </div>
        <div>
          <dt>{t('members.fields.membershipStatus')}</dt>
          <dd>
            <span className={`badge badge-${member.membership?.status ?? 'unknown'}`}>{label('membershipStatus', member.membership?.status)}</span>
          </dd>
        </div>
        {member.membership?.joinedOn ? (
          <div>
            <dt>{t('members.fields.joinedOn')}</dt>
            <dd>{formatDate(member.membership.joinedOn)}</dd>
          </div>
        ) : null}
        {member.membership?.endedOn ? (
          <div>
            <dt>{t('members.fields.endedOn')}</dt>
            <dd>{formatDate(member.membership.endedOn)}</dd>
          </div>
        ) : null}
        {member.website ? (
          <div>
            <dt>{t('members.fields.website')}</dt>
            <dd>
              <a href={member.website} rel="noopener noreferrer" target="_blank">
                {member.website}
                <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
              </a>
            </dd>
          </div>
        ) : null}
        {member.email ? (
          <div>
            <dt>{t('members.fields.email')}</dt>
            <dd>
              <a href={`mailto:${member.email}`}>{member.email}</a>
            </dd>
          </div>
        ) : null}
        {member.phone ? (
          <div>
            <dt>{t('members.fields.phone')}</dt>
            <dd>
              <a href={`tel:${member.phone.replace(/\s+/g, '')}`}>{member.phone}</a>
            </dd>
          </div>
        ) : null}
        {address ? (
          <div>
            <dt>{t('members.fields.address')}</dt>
            <dd>{address}</dd>
          </div>
        ) : null}
        {member.updatedAt ? (
          <div>
            <dt>{t('common.updatedAt')}</dt>
            <dd>{formatDateTime(member.updatedAt)}</dd>
          </div>
        ) : null}
      </dl>

      {canSeeContacts(user) ? <ContactsSection memberId={member.id} canEdit={canEditMember(user, member.id)} /> : null}
      <AuditLink entityType="members" entityId={member.id} />
    </>
  );
}
