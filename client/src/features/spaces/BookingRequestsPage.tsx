import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking } from '../../api/types';
import { Alert } from '../../components/Alert';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadMore } from '../../components/LoadMore';
import { PageTitle } from '../../components/PageTitle';
import { QueryTable } from '../../components/QueryList';
import { currentLanguage } from '../../i18n';
import { formatTimeRange } from '../../i18n/format';
import { useBookings, useSpaces, useTransitionBooking } from './api';

/** Staff's approval queue: requested bookings, oldest start first, each confirmed or denied here. */
export function BookingRequestsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const query = useBookings({ status: 'requested' });
  const spaces = useSpaces();
  const names = new Map((spaces.data?.pages.flatMap((p) => p.items) ?? []).map((s) => [s.id, s.name]));
  const move = useTransitionBooking();
  const [done, setDone] = useState<string | null>(null);
  const bookings = query.data?.pages.flatMap((p) => p.items) ?? [];
  const when = (b: Booking) => `${names.get(b.spaceId) ?? ''} ${formatTimeRange(b.startsAt, b.endsAt, language)}`.trim();
  return (
    <>
      <PageTitle title={t('bookings.requestsTitle')}>{t('bookings.requestsTitle')}</PageTitle>
      <p className="lead">{t('bookings.requestsIntro')}</p>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {move.error ? <ApiErrorMessage error={move.error} /> : null}
      <QueryTable
        query={query}
        empty={<p role="status">{t('bookings.noRequests')}</p>}
        caption={t('bookings.requestsTitle')}
        rows={bookings}
        rowKey={(b) => b.id}
        columns={[
          { header: t('bookings.space'), cell: (b) => <Link to={`/spaces/${b.spaceId}`}>{names.get(b.spaceId) ?? t('bookings.space')}</Link> },
          { header: t('bookings.when'), cell: (b) => formatTimeRange(b.startsAt, b.endsAt, language) },
          { header: t('bookings.member_col'), cell: (b) => b.memberName ?? '' },
          { header: t('bookings.purpose_col'), cell: (b) => `${b.purpose ?? ''}${b.attendees != null ? ` (${b.attendees})` : ''}` },
        ]}
        rowActions={(b) => (
              <span className="row-actions">
                <button
                  type="button"
                  className="button"
                  aria-label={t('bookings.confirmNamed', { who: b.memberName ?? '', when: when(b) })}
                  disabled={move.isPending}
                  onClick={() => move.mutate({ id: b.id, to: 'confirmed' }, { onSuccess: () => setDone(t('bookings.confirmedNotice', { when: when(b) })) })}
                >
                  {t('bookings.confirm')}
                </button>{' '}
                <ConfirmButton
                  label={t('bookings.deny')}
                  accessibleLabel={t('bookings.denyNamed', { who: b.memberName ?? '', when: when(b) })}
                  confirmLabel={t('bookings.confirmDeny')}
                  question={t('bookings.denyQuestion', { when: when(b) })}
                  busy={move.isPending}
                  onConfirm={() => move.mutate({ id: b.id, to: 'denied' }, { onSuccess: () => setDone(t('bookings.deniedNotice', { when: when(b) })) })}
                />
              </span>
            )}
      />
      <LoadMore query={query} />
    </>
  );
}
