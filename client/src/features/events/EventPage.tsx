import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CommunityEvent } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { canManageEvent } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { useLocationNotice } from '../../components/useLocationNotice';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { RecordRoute } from '../../components/QueryBoundary';
import { useEnumLabel } from '../../i18n/labels';
import { currentLanguage } from '../../i18n';
import { formatTimeRange } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { MemberLink } from '../members/MemberLink';
import { useDeleteEvent, useEvent } from './api';
import { RegistrationSection } from './RegistrationSection';
import { FeedbackSection } from './FeedbackSection';
import { OrganizerPanel } from './OrganizerPanel';
import { feedbackOpen } from './status';
import { AuditLink } from '../audit/AuditLink';

/**
 * An event's page. The same address is the public page the iCalendar feed links to: anyone sees the
 * details, registers and gives feedback; organisers also get the lifecycle, registrations and feedback.
 */
export function EventPage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={useEvent} title={t('events.title')}>
      {(event, etag, reload) => <EventView event={event} etag={etag} onReload={() => void reload()} />}
    </RecordRoute>
  );
}

function EventView({ event, etag, onReload }: { event: CommunityEvent; etag: string | null; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const notice = useLocationNotice();
  const remove = useDeleteEvent(event.id);
  const manages = canManageEvent(user, event.organizerIds);
  const editable = manages && (event.status === 'draft' || event.status === 'published');
  const venue = [event.venue?.name, event.venue?.street, event.venue?.city].filter(Boolean).join(', ');

  return (
    <>
      <p className="breadcrumb">
        <Link to="/events">{t('events.backToList')}</Link>
      </p>
      <div className="page-header">
        <PageTitle title={event.title}>{event.title}</PageTitle>
        {manages ? (
          <div className="page-actions">
            {editable ? (
              <Link className="button" to={`/events/${event.id}/edit`}>
                {t('common.edit')}
              </Link>
            ) : null}
            <ConfirmButton
              label={t('common.delete')}
              confirmLabel={t('events.confirmDelete')}
              question={t('events.deleteQuestion', { title: event.title })}
              busy={remove.isPending}
              onConfirm={() =>
                remove.mutate({ etag, version: event.version }, { onSuccess: () => navigate('/events', { state: { notice: 'deleted' } }) })
              }
            />
          </div>
        ) : null}
      </div>
      {notice === 'created' && event.status === 'draft' ? <Alert tone="success">{t('events.created')}</Alert> : null}
      {notice === 'saved' ? <Alert tone="success">{t('form.saved')}</Alert> : null}
      {remove.error ? <ApiErrorMessage error={remove.error} /> : null}
      {event.status === 'cancelled' ? <Alert tone="warning">{t('events.isCancelled')}</Alert> : null}

      <dl className="details">
        <div>
          <dt>{t('events.fields.time')}</dt>
          <dd>{formatTimeRange(event.startsAt, event.endsAt, currentLanguage(i18n))}</dd>
        </div>
        {venue ? (
          <div>
            <dt>{t('events.fields.venue')}</dt>
            <dd>{venue}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('events.fields.municipalityCode')}</dt>
          <dd>{municipalityName(event.municipalityCode)}</dd>
        </div>
        <div>
          <dt>{t('events.fields.organizers')}</dt>
          <dd>
            <ul className="plain-list">
              {event.organizerIds.map((memberId) => (
                <li key={memberId}>
                  <MemberLink id={memberId} />
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {event.languages.length > 0 ? (
          <div>
            <dt>{t('events.fields.languages')}</dt>
            <dd>{event.languages.map((l) => label('eventLanguage', l)).join(', ')}</dd>
          </div>
        ) : null}
        {event.visibility === 'members' ? (
          <div>
            <dt>{t('events.fields.visibility')}</dt>
            <dd>{label('visibility', event.visibility)}</dd>
          </div>
        ) : null}
        {event.keywords.length > 0 ? (
          <div>
            <dt>{t('events.fields.keywords')}</dt>
            <dd>{event.keywords.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      {event.description ? <p className="lead pre-line">{event.description}</p> : null}

      {manages ? <OrganizerPanel event={event} etag={etag} onReload={onReload} /> : null}
      <RegistrationSection key={`${event.id}-${event.status}`} event={event} />
      {feedbackOpen(event) ? <FeedbackSection event={event} /> : null}
      <AuditLink entityType="events" entityId={event.id} />
    </>
  );
}
