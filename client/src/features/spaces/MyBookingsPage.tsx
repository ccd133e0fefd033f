import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { Alert } from '../../components/Alert';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadMore } from '../../components/LoadMore';
import { PageTitle } from '../../components/PageTitle';
import { QueryTable } from '../../components/QueryList';
import { currentLanguage } from '../../i18n';
import { formatTimeRange } from '../../i18n/format';
import { useEnumLabel } from '../../i18n/labels';
import { useBookingFeed, useBookings, useCancelBooking, useSpaces } from './api';

/** "Omat varaukset": a member editor's member's bookings from now on, each cancellable within the space's deadline. */
export function MyBookingsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const label = useEnumLabel();
  const user = useCurrentUser();
  const [from] = useState(() => new Date().toISOString());
  const query = useBookings({ member: user?.memberId ?? undefined, from });
  const spaces = useSpaces();
  const names = new Map((spaces.data?.pages.flatMap((p) => p.items) ?? []).map((s) => [s.id, s.name]));
  const cancel = useCancelBooking();
  const [done, setDone] = useState<string | null>(null);
  const bookings = query.data?.pages.flatMap((p) => p.items) ?? [];
  const when = (b: Booking) => formatTimeRange(b.startsAt, b.endsAt, language);
  return (
    <>
      <PageTitle title={t('bookings.mineTitle')}>{t('bookings.mineTitle')}</PageTitle>
      <p className="lead">{t('bookings.mineIntro')}</p>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {cancel.error ? <ApiErrorMessage error={cancel.error} /> : null}
      <QueryTable
        query={query}
        empty={<p role="status">{t('bookings.none')}</p>}
        caption={t('bookings.mineTitle')}
        rows={bookings}
        rowKey={(b) => b.id}
        columns={[
          { header: t('bookings.space'), cell: (b) => <Link to={`/spaces/${b.spaceId}`}>{names.get(b.spaceId) ?? t('bookings.space')}</Link> },
          { header: t('bookings.when'), cell: when },
          { header: t('bookings.purpose_col'), cell: (b) => b.purpose ?? '' },
          { header: t('bookings.status'), cell: (b) => <span className={`badge badge-booking-${b.status}`}>{label('bookingStatus', b.status)}</span> },
        ]}
        rowActions={(b) =>
              b.status === 'requested' || b.status === 'confirmed' ? (
                <ConfirmButton
                  label={t('bookings.cancel')}
                  accessibleLabel={t('bookings.cancelNamed', { when: when(b) })}
                  confirmLabel={t('bookings.confirmCancel')}
                  question={t('bookings.cancelQuestion', { when: when(b) })}
                  busy={cancel.isPending}
                  onConfirm={() => cancel.mutate(b.id, { onSuccess: () => setDone(t('bookings.cancelled', { when: when(b) })) })}
                />
              ) : null}
      />
      <LoadMore query={query} />
      <CalendarSubscription memberId={user?.memberId ?? ''} />
    </>
  );
}

/** The member's own bookings as a calendar subscription (a signed address: whoever has it sees the bookings). */
function CalendarSubscription({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const feed = useBookingFeed(memberId);
  if (!feed.data) return null;
  return (
    <section className="section" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('bookings.feedTitle')}</h2>
      <p className="hint">{t('bookings.feedHint')}</p>
      <p>
        <a href={feed.data.url}>{t('bookings.feedLink')}</a>
      </p>
    </section>
  );
}
