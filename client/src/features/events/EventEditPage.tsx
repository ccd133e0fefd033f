import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../app/services';
import { canManageEvent } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { NotFoundPage } from '../../app/NotFoundPage';
import { EventForm } from './EventForm';
import { eventToForm, formToEventBody } from './form';
import { useEvent, useUpdateEvent } from './api';

export function EventEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const query = useEvent(id);
  const update = useUpdateEvent(id);
  const [generation, setGeneration] = useState(0);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ApiErrorMessage error={query.error} />;
  }
  const { data: event, etag } = query.data;
  const title = t('events.editTitle', { title: event.title });
  if (!canManageEvent(user, event.organizerIds) || event.status === 'completed' || event.status === 'cancelled') {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Alert tone="warning">{canManageEvent(user, event.organizerIds) ? t('events.finalNotEditable') : t('errors.forbidden')}</Alert>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/events/${event.id}`}>{t('events.backToEvent', { title: event.title })}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <EventForm
        key={`${event.id}-${event.version}-${generation}`}
        initial={eventToForm(event)}
        submitLabel={t('common.save')}
        busy={update.isPending}
        error={update.error}
        onCancel={() => navigate(`/events/${event.id}`)}
        onReload={() => {
          update.reset();
          void query.refetch().then(() => setGeneration((g) => g + 1));
        }}
        onSubmit={(values) =>
          update.mutate(
            { body: formToEventBody(values, { partnershipId: event.partnershipId, pilotId: event.pilotId }), etag, version: event.version },
            { onSuccess: () => navigate(`/events/${event.id}`, { state: { notice: 'saved' } }) },
          )
        }
      />
    </>
  );
}
