import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { eventLanguages, eventVisibilities } from '../../api/types';
import { CheckboxGroup, fieldId, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorSummary, summaryFor } from '../../components/ErrorSummary';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { FormActions } from '../../components/FormActions';
import { ConflictNotice } from '../../components/ConflictNotice';
import { MunicipalityDatalist } from '../../components/MunicipalityDatalist';
import { PartnershipPicker } from '../partnerships/PartnershipPicker';
import { PilotPicker } from '../pilots/PilotPicker';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { useEnumOptions } from '../../i18n/labels';
import { eventFields, type EventField, type EventFormValues } from './form';
import { OrganizerPicker } from './OrganizerPicker';

const FORM = 'event';

const valueField: Record<EventField, keyof EventFormValues | null> = {
  title: 'title',
  description: 'description',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  'venue.name': 'venueName',
  'venue.street': 'venueStreet',
  'venue.city': 'venueCity',
  venue: null,
  municipalityCode: 'municipalityCode',
  organizerIds: 'organizerIds',
  capacity: 'capacity',
  registrationOpensAt: 'registrationOpensAt',
  registrationClosesAt: 'registrationClosesAt',
  visibility: 'visibility',
  languages: 'languages',
  keywords: 'keywords',
  partnershipId: 'partnershipId',
  pilotId: 'pilotId',
};

export function EventForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial: EventFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: EventFormValues) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [values, setValues] = useState<EventFormValues>(initial);
  const server = useServerFieldErrors(error, { sourceOf: (field) => valueField[field as EventField] ?? null });
  const allErrors = server.all;
  const errorsOf = server.errorsOf;
  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    server.edited(key);
  };

  const labels: Record<EventField, string> = {
    title: t('events.fields.title'),
    description: t('events.fields.description'),
    startsAt: t('events.fields.startsAt'),
    endsAt: t('events.fields.endsAt'),
    'venue.name': t('events.fields.venueName'),
    'venue.street': t('events.fields.venueStreet'),
    'venue.city': t('events.fields.venueCity'),
    venue: t('events.fields.venue'),
    municipalityCode: t('events.fields.municipalityCode'),
    organizerIds: t('events.fields.organizers'),
    capacity: t('events.fields.capacity'),
    registrationOpensAt: t('events.fields.registrationOpensAt'),
    registrationClosesAt: t('events.fields.registrationClosesAt'),
    visibility: t('events.fields.visibility'),
    languages: t('events.fields.languages'),
    keywords: t('events.fields.keywords'),
    partnershipId: t('links.partnership'),
    pilotId: t('links.pilot'),
  };
  const summary = summaryFor(FORM, eventFields, labels, allErrors);
  const isConflict = error instanceof ApiError && error.isPreconditionFailed;
  const isOther = error != null && !isConflict && Object.keys(allErrors).length === 0;
  const id = (field: EventField) => fieldId(FORM, field);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby="event-required-note">
      {isConflict && onReload ? <ConflictNotice onReload={onReload} /> : null}
      {isOther ? <ApiErrorMessage error={error} /> : null}
      <ErrorSummary items={summary} />
      <p className="hint" id="event-required-note">
        {t('form.requiredNote')}
      </p>

      <fieldset className="group">
        <legend>{t('events.sections.basics')}</legend>
        <TextField id={id('title')} label={labels.title} required value={values.title} errors={errorsOf('title')} onChange={(e) => set('title', e.target.value)} />
        <TextAreaField
          id={id('description')}
          label={labels.description}
          rows={5}
          value={values.description}
          errors={errorsOf('description')}
          onChange={(e) => set('description', e.target.value)}
        />
        <div className="row">
          <TextField
            id={id('startsAt')}
            label={labels.startsAt}
            hint={t('events.hints.helsinkiTime')}
            type="datetime-local"
            required
            value={values.startsAt}
            errors={errorsOf('startsAt')}
            onChange={(e) => set('startsAt', e.target.value)}
          />
          <TextField
            id={id('endsAt')}
            label={labels.endsAt}
            hint={t('events.hints.helsinkiTime')}
            type="datetime-local"
            required
            value={values.endsAt}
            errors={errorsOf('endsAt')}
            onChange={(e) => set('endsAt', e.target.value)}
          />
        </div>
        <OrganizerPicker id={id('organizerIds')} value={values.organizerIds} errors={errorsOf('organizerIds')} onChange={(ids) => set('organizerIds', ids)} />
        <div className="row">
          <SelectField
            id={id('visibility')}
            label={labels.visibility}
            hint={t('events.hints.visibility')}
            required
            value={values.visibility}
            options={options('visibility', eventVisibilities)}
            errors={errorsOf('visibility')}
            onChange={(e) => set('visibility', e.target.value)}
          />
          <TextField
            id={id('keywords')}
            label={labels.keywords}
            hint={t('events.hints.keywords')}
            value={values.keywords}
            errors={errorsOf('keywords')}
            onChange={(e) => set('keywords', e.target.value)}
          />
        </div>
        <CheckboxGroup
          id={id('languages')}
          legend={labels.languages}
          options={options('eventLanguage', eventLanguages)}
          value={values.languages}
          errors={errorsOf('languages')}
          onChange={(next) => set('languages', next)}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t('events.sections.place')}</legend>
        <p className="field-error" id={id('venue')} tabIndex={-1} hidden={!errorsOf('venue')}>
          {errorsOf('venue')?.join(' ')}
        </p>
        <TextField
          id={id('venue.name')}
          label={labels['venue.name']}
          value={values.venueName}
          errors={errorsOf('venue.name')}
          onChange={(e) => set('venueName', e.target.value)}
        />
        <div className="row">
          <TextField
            id={id('venue.street')}
            label={labels['venue.street']}
            value={values.venueStreet}
            errors={errorsOf('venue.street')}
            onChange={(e) => set('venueStreet', e.target.value)}
          />
          <TextField
            id={id('venue.city')}
            label={labels['venue.city']}
            value={values.venueCity}
            errors={errorsOf('venue.city')}
            onChange={(e) => set('venueCity', e.target.value)}
          />
        </div>
        <TextField
          id={id('municipalityCode')}
          label={labels.municipalityCode}
          hint={t('members.hints.municipalityCode')}
          required
          inputMode="numeric"
          list="event-municipality-codes"
          value={values.municipalityCode}
          errors={errorsOf('municipalityCode')}
          onChange={(e) => set('municipalityCode', e.target.value)}
        />
        <MunicipalityDatalist id="event-municipality-codes" />
      </fieldset>

      <fieldset className="group">
        <legend>{t('events.sections.registration')}</legend>
        <TextField
          id={id('capacity')}
          label={labels.capacity}
          hint={t('events.hints.capacity')}
          type="number"
          min={1}
          inputMode="numeric"
          value={values.capacity}
          errors={errorsOf('capacity')}
          onChange={(e) => set('capacity', e.target.value)}
        />
        <div className="row">
          <TextField
            id={id('registrationOpensAt')}
            label={labels.registrationOpensAt}
            hint={t('events.hints.opens')}
            type="datetime-local"
            value={values.registrationOpensAt}
            errors={errorsOf('registrationOpensAt')}
            onChange={(e) => set('registrationOpensAt', e.target.value)}
          />
          <TextField
            id={id('registrationClosesAt')}
            label={labels.registrationClosesAt}
            hint={t('events.hints.closes')}
            type="datetime-local"
            value={values.registrationClosesAt}
            errors={errorsOf('registrationClosesAt')}
            onChange={(e) => set('registrationClosesAt', e.target.value)}
          />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('links.title')}</legend>
        <PartnershipPicker
          id={id('partnershipId')}
          label={labels.partnershipId}
          value={values.partnershipId}
          errors={errorsOf('partnershipId')}
          onChange={(v) => set('partnershipId', v)}
        />
        <PilotPicker
          id={id('pilotId')}
          label={labels.pilotId}
          value={values.pilotId}
          partnershipId={values.partnershipId}
          errors={errorsOf('pilotId')}
          onChange={(v) => set('pilotId', v)}
        />
      </fieldset>

      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
