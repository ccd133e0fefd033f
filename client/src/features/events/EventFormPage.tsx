import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canManageEvent } from '../../auth/permissions';
import { RecordFormPage } from '../../components/RecordFormPage';
import { EventForm } from './EventForm';
import { emptyEventForm, eventToForm, formToEventBody } from './form';
import { useCreateEvent, useEvent, useUpdateEvent } from './api';

/** /events/new and /events/:id/edit. */
export function EventFormPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <RecordFormPage
      path="/events"
      Form={EventForm}
      toBody={formToEventBody}
      create={{
        title: t('events.createTitle'),
        intro: t('events.createIntro'),
        submitLabel: t('events.create'),
        initial: emptyEventForm(user?.role === 'member_editor' ? user.memberId : null),
        useCreate: useCreateEvent,
      }}
      edit={{
        listTitle: t('events.title'),
        useRecord: useEvent,
        useUpdate: useUpdateEvent,
        title: (event) => t('events.editTitle', { title: event.title }),
        back: (event) => t('events.backToEvent', { title: event.title }),
        toForm: eventToForm,
        refusal: (event) => {
          if (!canManageEvent(user, event.organizerIds)) return t('errors.forbidden');
          return event.status === 'completed' || event.status === 'cancelled' ? t('events.finalNotEditable') : null;
        },
      }}
    />
  );
}
