import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { required, optional } from '../../api/body';
import { ApiError } from '../../api/problem';
import type { Booking, BookingBody, Space, TimeInterval } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { isStaff } from '../../auth/permissions';
import { Alert } from '../../components/Alert';
import { summaryFor } from '../../components/ErrorSummary';
import { FormActions } from '../../components/FormActions';
import { TextField } from '../../components/fields';
import { FormNotices, useEntityForm } from '../../components/useEntityForm';
import { currentLanguage } from '../../i18n';
import { formatTimeRange } from '../../i18n/format';
import { MemberPicker } from '../members/MemberPicker';
import { instantToLocalInput, localInputToInstant } from '../events/time';
import { useCreateBooking } from './api';

const fields = ['memberId', 'startsAt', 'endsAt', 'purpose', 'attendees'] as const;
type Field = (typeof fields)[number];

export interface BookingFormValues {
  memberId: string;
  startsAt: string;
  endsAt: string;
  purpose: string;
  attendees: string;
}

export function bookingBody(spaceId: string, values: BookingFormValues): BookingBody {
  const attendees = values.attendees.trim() === '' ? undefined : Number(values.attendees);
  return {
    spaceId,
    memberId: required(values.memberId),
    startsAt: localInputToInstant(values.startsAt),
    endsAt: localInputToInstant(values.endsAt),
    ...(optional(values.purpose) ? { purpose: optional(values.purpose) } : {}),
    ...(attendees !== undefined ? { attendees } : {}),
    kind: 'booking',
  };
}

/** The times a 409 names (the other booking's, never its booker). */
export function clashTimes(error: unknown): TimeInterval[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const conflicts = (error.problem as { conflicts?: TimeInterval[] } | null)?.conflicts;
  return Array.isArray(conflicts) ? conflicts : null;
}

/**
 * Books the chosen slot: the member (a member editor's own, staff choose), start and end (the slot, changeable),
 * purpose and attendees. Field errors sit beside their fields; a clash answered while the form was open is
 * explained with the other booking's time, and the calendar reads the week again.
 */
export function BookingForm({ space, slot, onDone, onCancel }: { space: Space; slot: TimeInterval; onDone: (booking: Booking) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const user = useCurrentUser();
  const staff = isStaff(user);
  const queryClient = useQueryClient();
  const create = useCreateBooking();
  const lengthMinutes = Math.max(space.rules.minMinutes, Math.min(space.rules.intervalMinutes, space.rules.maxMinutes ?? space.rules.intervalMinutes));
  const endsAt = new Date(new Date(slot.startsAt).getTime() + Math.max(lengthMinutes, (new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()) / 60_000) * 60_000);
  const form = useEntityForm<BookingFormValues>({
    form: 'booking',
    initial: {
      memberId: staff ? '' : (user?.memberId ?? ''),
      startsAt: instantToLocalInput(slot.startsAt),
      endsAt: instantToLocalInput(endsAt.toISOString()),
      purpose: '',
      attendees: '',
    },
    error: create.error,
    onSubmit: (values) =>
      create.mutate(bookingBody(space.id, values), {
        onSuccess: (result) => onDone(result.data),
        onError: () => void queryClient.invalidateQueries({ queryKey: ['spaces', 'availability'] }),
      }),
  });
  const clash = clashTimes(create.error);
  // The form opens away from the slot that was chosen (on a phone, far above it): take the reader there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const labels: Record<Field, string> = {
    memberId: t('bookings.member'),
    startsAt: t('bookings.startsAt'),
    endsAt: t('bookings.endsAt'),
    purpose: t('bookings.purpose'),
    attendees: t('bookings.attendees'),
  };
  return (
    <section className="card booking-form" aria-labelledby="booking-form-title">
      <h2 id="booking-form-title" ref={heading} tabIndex={-1}>{t('bookings.formTitle', { space: space.name })}</h2>
      <form className="form" onSubmit={form.submit} noValidate>
        {clash ? (
          <Alert tone="error" title={t('bookings.clashTitle')}>
            <p>{t('bookings.clash', { times: clash.map((c) => formatTimeRange(c.startsAt, c.endsAt, language)).join(', ') })}</p>
          </Alert>
        ) : null}
        <FormNotices form={{ ...form, isOther: form.isOther && !clash }} summary={summaryFor('booking', fields, labels, form.server.all)} />
        {staff ? (
          <MemberPicker id={form.id('memberId')} label={labels.memberId} value={form.values.memberId} onChange={(v) => form.set('memberId', v)} errors={form.server.errorsOf('memberId')} required />
        ) : null}
        <TextField label={labels.startsAt} type="datetime-local" required step={60 * space.rules.intervalMinutes} {...form.field('startsAt')} />
        <TextField label={labels.endsAt} type="datetime-local" required step={60 * space.rules.intervalMinutes} {...form.field('endsAt')} />
        <TextField label={labels.purpose} maxLength={500} {...form.field('purpose')} />
        <TextField label={labels.attendees} type="number" inputMode="numeric" min={1} {...form.field('attendees')} />
        {!staff && form.server.errorsOf('memberId') ? <p className="field-error">{form.server.errorsOf('memberId')?.join(' ')}</p> : null}
        <FormActions busy={create.isPending} submitLabel={t('bookings.submit')} onCancel={onCancel} />
      </form>
    </section>
  );
}
