import { useTranslation } from 'react-i18next';
import { eventLanguages, eventVisibilities } from '../../api/types';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { summaryFor } from '../../components/ErrorSummary';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { PartnershipPicker } from '../partnerships/PartnershipPicker';
import { PilotPicker } from '../pilots/PilotPicker';
import { useSpaces } from '../spaces/api';
import { useEnumOptions } from '../../i18n/labels';
import { eventFields, type EventField, type EventFormValues } from './form';
import { OrganizerPicker } from './OrganizerPicker';
import { limits } from '../../api/limits';

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
  spaceId: 'spaceId',
};

export function EventForm(props: EntityFormProps<EventFormValues>) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({
    limits: limits.CommunityEventInput,
    ...props,
    form: FORM,
    sourceOf: (field) => valueField[field as EventField] ?? null,
  });
  const { field, server, values, set, id } = form;
  const errorsOf = server.errorsOf;

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
    spaceId: t('events.fields.space'),
  };
  const spaces = useSpaces();
  const spaceOptions = (spaces.data?.pages.flatMap((p) => p.items) ?? []).map((s) => ({ value: s.id, label: s.name }));

  return (
    <EntityFormFrame form={form} summary={summaryFor(FORM, eventFields, labels, server.all)} props={props}>
      <fieldset className="group">
        <legend>{t('events.sections.basics')}</legend>
        <TextField label={labels.title} required {...field('title')} />
        <TextAreaField label={labels.description} rows={5} {...field('description')} />
        <div className="row">
          <TextField label={labels.startsAt} hint={t('events.hints.helsinkiTime')} type="datetime-local" required {...field('startsAt')} />
          <TextField label={labels.endsAt} hint={t('events.hints.helsinkiTime')} type="datetime-local" required {...field('endsAt')} />
        </div>
        <OrganizerPicker id={id('organizerIds')} value={values.organizerIds} errors={errorsOf('organizerIds')} onChange={(ids) => set('organizerIds', ids)} />
        <div className="row">
          <SelectField label={labels.visibility} hint={t('events.hints.visibility')} required options={options('visibility', eventVisibilities)} {...field('visibility')} />
          <TextField label={labels.keywords} hint={t('events.hints.keywords')} {...field('keywords')} />
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
        <TextField label={labels['venue.name']} {...field('venueName', 'venue.name')} />
        <div className="row">
          <TextField label={labels['venue.street']} {...field('venueStreet', 'venue.street')} />
          <TextField label={labels['venue.city']} {...field('venueCity', 'venue.city')} />
        </div>
        <MunicipalityField label={labels.municipalityCode} hint={t('members.hints.municipalityCode')} required list="event-municipality-codes" {...field('municipalityCode')} />
        <SelectField label={labels.spaceId} hint={t('events.hints.space')} options={spaceOptions} emptyLabel={t('events.noSpace')} {...field('spaceId')} />
      </fieldset>

      <fieldset className="group">
        <legend>{t('events.sections.registration')}</legend>
        <TextField label={labels.capacity} hint={t('events.hints.capacity')} type="number" min={1} inputMode="numeric" {...field('capacity')} />
        <div className="row">
          <TextField label={labels.registrationOpensAt} hint={t('events.hints.opens')} type="datetime-local" {...field('registrationOpensAt')} />
          <TextField label={labels.registrationClosesAt} hint={t('events.hints.closes')} type="datetime-local" {...field('registrationClosesAt')} />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('links.title')}</legend>
        <PartnershipPicker label={labels.partnershipId} {...field('partnershipId')} />
        <PilotPicker label={labels.pilotId} partnershipId={values.partnershipId} {...field('pilotId')} />
      </fieldset>
    </EntityFormFrame>
  );
}
