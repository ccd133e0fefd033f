import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { chosen, compact, optional, required } from '../../api/body';
import { ApiError } from '../../api/problem';
import type { Booking, BookingBody, BookingSeries, BookingSeriesBody, Space, TimeInterval } from '../../api/types';
import { useCurrentUser } from '../../app/services';
import { isStaff } from '../../auth/permissions';
import { Alert } from '../../components/Alert';
import { summaryFor } from '../../components/ErrorSummary';
import { FormActions } from '../../components/FormActions';
import { SelectField, TextField } from '../../components/fields';
import { FormNotices, useEntityForm } from '../../components/useEntityForm';
import { currentLanguage } from '../../i18n';
import { formatTimeRange } from '../../i18n/format';
import { MemberPicker } from '../members/MemberPicker';
import { instantToLocalInput, localInputToInstant } from '../events/time';
import { useEnumOptions } from '../../i18n/labels';
import { useCreateBooking, useCreateSeries } from './api';

const fields = ['kind', 'memberId', 'startsAt', 'endsAt', 'repeat', 'until', 'purpose', 'attendees', 'overrideReason'] as const;
type Field = (typeof fields)[number];

export interface BookingFormValues {
  /** `booking` (a member's) or `block` (staff: maintenance, the centre's own use; no member). */
  kind: string;
  memberId: string;
  startsAt: string;
  endsAt: string;
  /** '' for one booking, else `weekly` or `biweekly` until `until` (a date). */
  repeat: string;
  until: string;
  purpose: string;
  attendees: string;
  overrideReason: string;
}

const attendeesOf = (values: BookingFormValues) => (/^\d+$/.test(values.attendees.trim()) ? Number(values.attendees.trim()) : undefined);

export function bookingBody(spaceId: string, values: BookingFormValues): BookingBody {
  const block = values.kind === 'block';
  return compact({
    spaceId,
    memberId: block ? undefined : required(values.memberId),
    startsAt: chosen(localInputToInstant(values.startsAt)),
    endsAt: chosen(localInputToInstant(values.endsAt)),
    purpose: optional(values.purpose),
    attendees: attendeesOf(values),
    kind: block ? 'block' : 'booking',
    overrideReason: optional(values.overrideReason),
  });
}

export function seriesBody(spaceId: string, values: BookingFormValues): BookingSeriesBody {
  return compact({
    spaceId,
    memberId: required(values.memberId),
    startsAt: chosen(localInputToInstant(values.startsAt)),
    endsAt: chosen(localInputToInstant(values.endsAt)),
    repeat: chosen<BookingSeriesBody['repeat']>(values.repeat),
    until: required(values.until),
    purpose: optional(values.purpose),
    attendees: attendeesOf(values),
  });
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
export function BookingForm({
  space,
  slot,
  onDone,
  onSeries,
  onCancel,
}: {
  space: Space;
  slot: TimeInterval;
  onDone: (booking: Booking) => void;
  onSeries: (series: BookingSeries) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const user = useCurrentUser();
  const staff = isStaff(user);
  const queryClient = useQueryClient();
  const create = useCreateBooking();
  const series = useCreateSeries();
  const options = useEnumOptions();
  const lengthMinutes = Math.max(space.rules.minMinutes, Math.min(space.rules.intervalMinutes, space.rules.maxMinutes ?? space.rules.intervalMinutes));
  const endsAt = new Date(new Date(slot.startsAt).getTime() + Math.max(lengthMinutes, (new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()) / 60_000) * 60_000);
  const form = useEntityForm<BookingFormValues>({
    form: 'booking',
    initial: {
      kind: 'booking',
      memberId: staff ? '' : (user?.memberId ?? ''),
      startsAt: instantToLocalInput(slot.startsAt),
      endsAt: instantToLocalInput(endsAt.toISOString()),
      repeat: '',
      until: '',
      purpose: '',
      attendees: '',
      overrideReason: '',
    },
    error: create.error ?? series.error,
    onSubmit: (values) => {
      const refresh = () => void queryClient.invalidateQueries({ queryKey: ['spaces', 'availability'] });
      create.reset();
      series.reset();
      if (values.repeat !== '' && values.kind !== 'block') {
        series.mutate(seriesBody(space.id, values), { onSuccess: onSeries, onError: refresh });
      } else {
        create.mutate(bookingBody(space.id, values), { onSuccess: (result) => onDone(result.data), onError: refresh });
      }
    },
  });
  const block = form.values.kind === 'block';
  const clash = clashTimes(create.error);
  // The form opens away from the slot that was chosen (on a phone, far above it): take the reader there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const labels: Record<Field, string> = {
    kind: t('bookings.kind'),
    repeat: t('bookings.repeat'),
    until: t('bookings.until'),
    overrideReason: t('bookings.overrideReason'),
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
        {staff ? <SelectField label={labels.kind} options={options('bookingKind', ['booking', 'block'])} {...form.field('kind')} /> : null}
        {staff && !block ? (
          <MemberPicker id={form.id('memberId')} label={labels.memberId} value={form.values.memberId} onChange={(v) => form.set('memberId', v)} errors={form.server.errorsOf('memberId')} required />
        ) : null}
        <TextField label={labels.startsAt} type="datetime-local" required step={60 * space.rules.intervalMinutes} {...form.field('startsAt')} />
        <TextField label={labels.endsAt} type="datetime-local" required step={60 * space.rules.intervalMinutes} {...form.field('endsAt')} />
        {!block ? (
          <SelectField label={labels.repeat} options={options('bookingRepeat', ['weekly', 'biweekly'])} emptyLabel={t('bookings.repeatNone')} {...form.field('repeat')} />
        ) : null}
        {!block && form.values.repeat !== '' ? <TextField label={labels.until} type="date" required {...form.field('until')} /> : null}
        <TextField label={labels.purpose} maxLength={500} {...form.field('purpose')} />
        <TextField label={labels.attendees} type="number" inputMode="numeric" min={1} {...form.field('attendees')} />
        {staff && form.values.repeat === '' ? <TextField label={labels.overrideReason} hint={t('bookings.overrideHint')} maxLength={1000} {...form.field('overrideReason')} /> : null}
        {!staff && form.server.errorsOf('memberId') ? <p className="field-error">{form.server.errorsOf('memberId')?.join(' ')}</p> : null}
        <FormActions busy={create.isPending || series.isPending} submitLabel={t('bookings.submit')} onCancel={onCancel} />
      </form>
    </section>
  );
}
