import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CommunityEvent } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { canManageEvent } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { Alert } from '../../components/Alert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { EventForm } from './EventForm';
import { eventToForm, formToEventBody } from './form';
import { useEvent, useUpdateEvent } from './api';

export function EventEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useEvent(id);
  return (
    <QueryBoundary query={query} title={t('events.title')}>
      {({ data, etag }) => <EventEditView event={data} etag={etag} reload={() => query.refetch()} />}
    </QueryBoundary>
  );
}

function EventEditView({ event, etag, reload }: { event: CommunityEvent; etag: string | null; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const update = useUpdateEvent(event.id);
  const [generation, setGeneration] = useState(0);
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
          void reload().then(() => setGeneration((g) => g + 1));
        }}
        onSubmit={(values) =>
          update.mutate(
            { body: formToEventBody(values), etag, version: event.version },
            { onSuccess: () => navigate(`/events/${event.id}`, { state: { notice: 'saved' } }) },
          )
        }
      />
    </>
  );
}
