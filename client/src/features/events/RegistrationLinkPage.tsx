import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { CommunityEvent } from '../../api/types';
import { ApiError } from '../../api/problem';
import { RecordRoute } from '../../components/QueryBoundary';
import { PageTitle } from '../../components/PageTitle';
import { Alert } from '../../components/Alert';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { formatTimeRange } from '../../i18n/format';
import { currentLanguage } from '../../i18n';
import { useCancelWithToken, useEvent } from './api';
import { FeedbackSection } from './FeedbackSection';
import { feedbackOpen } from './status';
import { registrationFromFragment } from './registrations';

/**
 * Where a registration's mail links to: `/events/{id}/registration#id=…&token=…`. The registrant cancels here, or gives
 * feedback once the event has begun; the token is read from the fragment and sent only in request bodies.
 */
export function RegistrationLinkPage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={useEvent} title={t('registration.linkTitle')}>
      {(event) => <RegistrationLink event={event} />}
    </RecordRoute>
  );
}

function RegistrationLink({ event }: { event: CommunityEvent }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const link = registrationFromFragment(location.hash);
  const cancel = useCancelWithToken(event.id);
  const [cancelled, setCancelled] = useState(false);
  const notFound = cancel.error instanceof ApiError && cancel.error.status === 404;

  return (
    <>
      <PageTitle title={t('registration.linkTitle')}>{t('registration.linkTitle')}</PageTitle>
      <p>
        <Link to={`/events/${event.id}`}>{event.title}</Link>, {formatTimeRange(event.startsAt, event.endsAt, currentLanguage(i18n))}
      </p>
      {link === null ? (
        <Alert tone="warning">{t('registration.linkMissing')}</Alert>
      ) : (
        <>
          <p>{t('registration.linkIntro', { title: event.title })}</p>
          <section className="section" aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t('registration.cancel')}</h2>
            {cancelled ? (
              <Alert tone="success">{t('registration.cancelled')}</Alert>
            ) : (
              <>
                <p className="hint">{t('registration.cancelHint')}</p>
                {notFound ? <Alert tone="warning">{t('registration.linkNotFound')}</Alert> : null}
                {cancel.error && !notFound ? <ApiErrorMessage error={cancel.error} /> : null}
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={cancel.isPending}
                  onClick={() =>
                    cancel.mutate({ registrationId: link.id, cancelToken: link.token }, { onSuccess: () => setCancelled(true) })
                  }
                >
                  {t('registration.cancel')}
                </button>
              </>
            )}
          </section>
          {feedbackOpen(event) && !cancelled ? <FeedbackSection event={event} token={link.token} /> : null}
        </>
      )}
    </>
  );
}
