import { useTranslation } from 'react-i18next';
import type { CommunityEvent } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { canManageEvent } from '../../auth/permissions';
import { useLocationNotice } from '../../components/useLocationNotice';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
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
import { Detail } from '../../components/Detail';
import { DeleteButton, EditLink, RecordHeader } from '../../components/RecordHeader';

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
  const notice = useLocationNotice();
  const remove = useDeleteEvent(event.id);
  const manages = canManageEvent(user, event.organizerIds);
  const editable = manages && (event.status === 'draft' || event.status === 'published');
  const venue = [event.venue?.name, event.venue?.street, event.venue?.city].filter(Boolean).join(', ');

  return (
    <>
      <RecordHeader list="/events" backLabel={t('events.backToList')} title={event.title}>
        {manages ? (
          <>
            {editable ? <EditLink to={`/events/${event.id}/edit`} /> : null}
            <DeleteButton
              mutation={remove}
              variables={{ etag, version: event.version }}
              list="/events"
              confirmLabel={t('events.confirmDelete')}
              question={t('events.deleteQuestion', { title: event.title })}
            />
          </>
        ) : null}
      </RecordHeader>
      {notice === 'created' && event.status === 'draft' ? <Alert tone="success">{t('events.created')}</Alert> : null}
      {notice === 'saved' ? <Alert tone="success">{t('form.saved')}</Alert> : null}
      {remove.error ? <ApiErrorMessage error={remove.error} /> : null}
      {event.status === 'cancelled' ? <Alert tone="warning">{t('events.isCancelled')}</Alert> : null}

      <dl className="details">
        <Detail term={t('events.fields.time')}>{formatTimeRange(event.startsAt, event.endsAt, currentLanguage(i18n))}</Detail>
        {venue ? (
          <Detail term={t('events.fields.venue')}>{venue}</Detail>
        ) : null}
        <Detail term={t('events.fields.municipalityCode')}>{municipalityName(event.municipalityCode)}</Detail>
        <Detail term={t('events.fields.organizers')}>
          <ul className="plain-list">
            {event.organizerIds.map((memberId) => (
              <li key={memberId}>
                <MemberLink id={memberId} />
              </li>
            ))}
          </ul>
        </Detail>
        {event.languages.length > 0 ? (
          <Detail term={t('events.fields.languages')}>{event.languages.map((l) => label('eventLanguage', l)).join(', ')}</Detail>
        ) : null}
        {event.visibility === 'members' ? (
          <Detail term={t('events.fields.visibility')}>{label('visibility', event.visibility)}</Detail>
        ) : null}
        {event.keywords.length > 0 ? (
          <Detail term={t('events.fields.keywords')}>{event.keywords.join(', ')}</Detail>
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
