import { useTranslation } from 'react-i18next';
import { memberKinds, membershipStatuses, sectors } from '../../api/types';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { summaryFor } from '../../components/ErrorSummary';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { memberFields, type MemberField, type MemberFormValues } from './form';
import { limits } from '../../api/limits';

const FORM = 'member';

/** Which form value each API field path edits, so an edit clears that field's server error. */
const valueField: Record<MemberField, keyof MemberFormValues | null> = {
  name: 'name',
  businessId: 'businessId',
  kind: 'kind',
  sectors: 'sectors',
  municipalityCode: 'municipalityCode',
  description: 'description',
  website: 'website',
  email: 'email',
  phone: 'phone',
  'address.street': 'street',
  'address.postalCode': 'postalCode',
  'address.city': 'city',
  address: null,
  'membership.status': 'membershipStatus',
  'membership.joinedOn': 'joinedOn',
  'membership.endedOn': 'endedOn',
  membership: null,
};

export function MemberForm(props: EntityFormProps<MemberFormValues>) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({
    limits: limits.MemberInput,
    ...props,
    form: FORM,
    sourceOf: (field) => valueField[field as MemberField] ?? null,
    // A 409 on a member can only be a business ID already in use.
    override: (e) => (e.status === 409 ? { businessId: [t('members.duplicateBusinessId')] } : null),
  });
  const { field, server } = form;
  const errorsOf = server.errorsOf;

  const labels: Record<MemberField, string> = {
    name: t('members.fields.name'),
    businessId: t('members.fields.businessId'),
    kind: t('members.fields.kind'),
    sectors: t('members.fields.sectors'),
    municipalityCode: t('members.fields.municipalityCode'),
    description: t('members.fields.description'),
    website: t('members.fields.website'),
    email: t('members.fields.email'),
    phone: t('members.fields.phone'),
    'address.street': t('members.fields.street'),
    'address.postalCode': t('members.fields.postalCode'),
    'address.city': t('members.fields.city'),
    address: t('members.fields.address'),
    'membership.status': t('members.fields.membershipStatus'),
    'membership.joinedOn': t('members.fields.joinedOn'),
    'membership.endedOn': t('members.fields.endedOn'),
    membership: t('members.fields.membership'),
  };

  return (
    <EntityFormFrame form={form} summary={summaryFor(FORM, memberFields, labels, server.all)} props={props}>
      <fieldset className="group">
        <legend>{t('members.sections.basics')}</legend>
        <TextField label={labels.name} required {...field('name')} />
        <div className="row">
          <TextField label={labels.businessId} hint={t('members.hints.businessId')} inputMode="numeric" autoComplete="off" {...field('businessId')} />
          <SelectField label={labels.kind} required emptyLabel={t('form.choose')} options={options('kind', memberKinds)} {...field('kind')} />
        </div>
        <MunicipalityField label={labels.municipalityCode} hint={t('members.hints.municipalityCode')} required list="municipality-codes" {...field('municipalityCode')} />
        <CheckboxGroup
          id={form.id('sectors')}
          legend={labels.sectors}
          options={options('sector', sectors)}
          value={form.values.sectors}
          errors={errorsOf('sectors')}
          onChange={(next) => form.set('sectors', next)}
        />
        <TextAreaField label={labels.description} rows={4} {...field('description')} />
      </fieldset>

      <fieldset className="group">
        <legend>{t('members.sections.contactInfo')}</legend>
        <TextField label={labels.website} hint={t('members.hints.website')} type="url" autoComplete="url" {...field('website')} />
        <div className="row">
          <TextField label={labels.email} type="email" autoComplete="email" {...field('email')} />
          <TextField label={labels.phone} type="tel" autoComplete="tel" {...field('phone')} />
        </div>
        <p className="field-error" id={form.id('address')} tabIndex={-1} hidden={!errorsOf('address')}>
          {errorsOf('address')?.join(' ')}
        </p>
        <TextField label={labels['address.street']} autoComplete="street-address" {...field('street', 'address.street')} />
        <div className="row">
          <TextField label={labels['address.postalCode']} inputMode="numeric" autoComplete="postal-code" {...field('postalCode', 'address.postalCode')} />
          <TextField label={labels['address.city']} autoComplete="address-level2" {...field('city', 'address.city')} />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('members.sections.membership')}</legend>
        <p className="field-error" id={form.id('membership')} tabIndex={-1} hidden={!errorsOf('membership')}>
          {errorsOf('membership')?.join(' ')}
        </p>
        <SelectField label={labels['membership.status']} required options={options('membershipStatus', membershipStatuses)} {...field('membershipStatus', 'membership.status')} />
        <div className="row">
          <TextField label={labels['membership.joinedOn']} type="date" {...field('joinedOn', 'membership.joinedOn')} />
          <TextField label={labels['membership.endedOn']} type="date" {...field('endedOn', 'membership.endedOn')} />
        </div>
      </fieldset>
    </EntityFormFrame>
  );
}
