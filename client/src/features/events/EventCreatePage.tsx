import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { PageTitle } from '../../components/PageTitle';
import { EventForm } from './EventForm';
import { emptyEventForm, formToEventBody } from './form';
import { useCreateEvent } from './api';

export function EventCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const create = useCreateEvent();
  return (
    <>
      <PageTitle title={t('events.createTitle')}>{t('events.createTitle')}</PageTitle>
      <p className="lead">{t('events.createIntro')}</p>
      <EventForm
        initial={emptyEventForm(user?.role === 'member_editor' ? user.memberId : null)}
        submitLabel={t('events.create')}
        busy={create.isPending}
        error={create.error}
        onCancel={() => navigate('/events')}
        onSubmit={(values) =>
          create.mutate(formToEventBody(values), {
            onSuccess: (result) => navigate(`/events/${result.data.id}`, { state: { notice: 'created' } }),
          })
        }
      />
    </>
  );
}
