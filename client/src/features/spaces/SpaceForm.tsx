import { useTranslation } from 'react-i18next';
import { spaceFeatures, spaceKinds } from '../../api/types';
import { summaryByLabel } from '../../components/ErrorSummary';
import { CheckboxGroup, RepeatedGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { weekdayNames } from '../../i18n/format';
import { currentLanguage } from '../../i18n';
import { useEnumOptions } from '../../i18n/labels';
import { emptyClosure, emptyHours, ruleNumbers, type SpaceFormValues } from './form';

const FORM = 'space';
const addressFields = ['street', 'postalCode', 'city'];
/** The API path a value is sent as: the address's and the rules' inputs sit inside their objects. */
const pathOf = (key: string) =>
  addressFields.includes(key) ? `address.${key}` : (ruleNumbers as readonly string[]).includes(key) || key === 'approval' || key === 'bookableBy' ? `rules.${key}` : key;

/** A space (staff): what it is, its opening hours and closures, and its booking rules. */
export function SpaceForm(props: EntityFormProps<SpaceFormValues>) {
  const { t, i18n } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({ ...props, form: FORM, pathOf });
  const { field, item, server, values, id } = form;
  const days = weekdayNames(currentLanguage(i18n)).map((d, i) => ({ value: String(i + 1), label: d.long }));
  const labels: Record<string, string> = {
    name: t('spaces.fields.name'),
    kind: t('spaces.fields.kind'),
    description: t('spaces.fields.description'),
    capacity: t('spaces.fields.capacity'),
    features: t('spaces.features'),
    'address.street': t('members.fields.street'),
    'address.postalCode': t('members.fields.postalCode'),
    'address.city': t('members.fields.city'),
    municipalityCode: t('events.fields.municipalityCode'),
    openingHours: t('spaces.openingHours'),
    closures: t('spaces.closures'),
    'rules.minMinutes': t('spaces.fields.minMinutes'),
    'rules.maxMinutes': t('spaces.fields.maxMinutes'),
    'rules.intervalMinutes': t('spaces.fields.intervalMinutes'),
    'rules.bufferBeforeMinutes': t('spaces.fields.bufferBeforeMinutes'),
    'rules.bufferAfterMinutes': t('spaces.fields.bufferAfterMinutes'),
    'rules.bookAheadDays': t('spaces.fields.bookAheadDays'),
    'rules.maxActivePerMember': t('spaces.fields.maxActivePerMember'),
    'rules.cancelHoursBefore': t('spaces.fields.cancelHoursBefore'),
    'rules.approval': t('spaces.fields.approval'),
    'rules.bookableBy': t('spaces.fields.bookableBy'),
  };
  const labelFor = (key: string) => labels[key] ?? labels[key.split('.')[0] ?? ''] ?? '';
  return (
    <EntityFormFrame form={form} summary={summaryByLabel(FORM, server.all, labelFor)} props={props}>
      <TextField label={labels.name ?? ''} required {...field('name')} />
      <SelectField label={labels.kind ?? ''} required options={options('spaceKind', spaceKinds)} {...field('kind')} />
      <TextAreaField label={labels.description ?? ''} {...field('description')} />
      <TextField label={labels.capacity ?? ''} type="number" min={1} inputMode="numeric" {...field('capacity')} />
      <CheckboxGroup
        id={id('features')}
        legend={labels.features ?? ''}
        options={options('spaceFeature', spaceFeatures)}
        value={values.features}
        errors={server.errorsOf('features')}
        onChange={(next) => form.set('features', next)}
      />
      <fieldset className="group">
        <legend>{t('spaces.address')}</legend>
        <TextField label={labels['address.street'] ?? ''} {...field('street')} />
        <div className="row">
          <TextField label={labels['address.postalCode'] ?? ''} {...field('postalCode')} />
          <TextField label={labels['address.city'] ?? ''} {...field('city')} />
        </div>
        <MunicipalityField label={labels.municipalityCode ?? ''} required list="space-municipality-codes" {...field('municipalityCode')} />
      </fieldset>
      <RepeatedGroup
        id={id('openingHours')}
        legend={labels.openingHours ?? ''}
        hint={t('spaces.hints.openingHours')}
        items={values.openingHours}
        itemLegend={(n) => t('spaces.hoursN', { n })}
        removeLabel={(n) => t('spaces.removeHours', { n })}
        addLabel={t('spaces.addHours')}
        onRemove={(i) => form.removeItem('openingHours', i)}
        onAdd={() => form.addItem('openingHours', emptyHours())}
      >
        {(_, i) => (
          <div className="row">
            <SelectField label={t('spaces.fields.weekday')} options={days} {...item('openingHours', i, 'weekday')} />
            <TextField label={t('spaces.fields.opens')} inputMode="numeric" {...item('openingHours', i, 'opens')} />
            <TextField label={t('spaces.fields.closes')} inputMode="numeric" {...item('openingHours', i, 'closes')} />
          </div>
        )}
      </RepeatedGroup>
      <RepeatedGroup
        id={id('closures')}
        legend={labels.closures ?? ''}
        hint={t('spaces.hints.closures')}
        items={values.closures}
        itemLegend={(n) => t('spaces.closureN', { n })}
        removeLabel={(n) => t('spaces.removeClosure', { n })}
        addLabel={t('spaces.addClosure')}
        onRemove={(i) => form.removeItem('closures', i)}
        onAdd={() => form.addItem('closures', emptyClosure())}
      >
        {(_, i) => (
          <>
            <div className="row">
              <TextField label={t('spaces.fields.from')} type="date" required {...item('closures', i, 'from')} />
              <TextField label={t('spaces.fields.to')} type="date" required {...item('closures', i, 'to')} />
            </div>
            <TextField label={t('spaces.fields.reason')} required {...item('closures', i, 'reason')} />
          </>
        )}
      </RepeatedGroup>
      <fieldset className="group">
        <legend>{t('spaces.rules')}</legend>
        {ruleNumbers.map((rule) => (
          <TextField key={rule} label={labels[`rules.${rule}`] ?? rule} type="number" min={0} inputMode="numeric" {...field(rule)} />
        ))}
        <SelectField label={labels['rules.approval'] ?? ''} options={options('spaceApproval', ['automatic', 'staff'])} {...field('approval')} />
        <SelectField label={labels['rules.bookableBy'] ?? ''} options={options('spaceBookableBy', ['members', 'staff'])} {...field('bookableBy')} />
      </fieldset>
    </EntityFormFrame>
  );
}
