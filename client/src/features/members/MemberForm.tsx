import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { memberKinds, membershipStatuses, sectors } from '../../api/types';
import { CheckboxGroup, fieldId, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorSummary, summaryFor } from '../../components/ErrorSummary';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { FormActions } from '../../components/FormActions';
import { ConflictNotice } from '../../components/ConflictNotice';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { useEnumOptions } from '../../i18n/labels';
import { MunicipalityDatalist } from '../../components/MunicipalityDatalist';
import { memberFields, type MemberField, type MemberFormValues } from './form';

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

export function MemberForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial: MemberFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: MemberFormValues) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [values, setValues] = useState<MemberFormValues>(initial);
  // A 409 on a member can only be a business ID already in use.
  const server = useServerFieldErrors(error, { sourceOf: (field) => valueField[field as MemberField] ?? null, override: (e) => (e.status === 409 ? { businessId: [t('members.duplicateBusinessId')] } : null) });
  const allErrors = server.all;
  const errorsOf = server.errorsOf;
  const set = <K extends keyof MemberFormValues>(key: K, value: MemberFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    server.edited(key);
  };

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

  const summary = summaryFor(FORM, memberFields, labels, allErrors);

  const isConflict = error instanceof ApiError && error.isPreconditionFailed;
  const isOther = error !== null && error !== undefined && !isConflict && Object.keys(allErrors).length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  const id = (field: MemberField) => fieldId(FORM, field);

  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby="member-required-note">
      {isConflict && onReload ? <ConflictNotice onReload={onReload} /> : null}
      {isOther ? <ApiErrorMessage error={error} /> : null}
      <ErrorSummary items={summary} />
      <p className="hint" id="member-required-note">
        {t('form.requiredNote')}
      </p>

      <fieldset className="group">
        <legend>{t('members.sections.basics')}</legend>
        <TextField id={id('name')} label={labels.name} required value={values.name} errors={errorsOf('name')} onChange={(e) => set('name', e.target.value)} />
        <div className="row">
          <TextField
            id={id('businessId')}
            label={labels.businessId}
            hint={t('members.hints.businessId')}
            inputMode="numeric"
            autoComplete="off"
            value={values.businessId}
            errors={errorsOf('businessId')}
            onChange={(e) => set('businessId', e.target.value)}
          />
          <SelectField
            id={id('kind')}
            label={labels.kind}
            required
            value={values.kind}
            emptyLabel={t('form.choose')}
            options={options('kind', memberKinds)}
            errors={errorsOf('kind')}
            onChange={(e) => set('kind', e.target.value)}
          />
        </div>
        <TextField
          id={id('municipalityCode')}
          label={labels.municipalityCode}
          hint={t('members.hints.municipalityCode')}
          required
          inputMode="numeric"
          list="municipality-codes"
          value={values.municipalityCode}
          errors={errorsOf('municipalityCode')}
          onChange={(e) => set('municipalityCode', e.target.value)}
        />
        <MunicipalityDatalist id="municipality-codes" />
        <CheckboxGroup
          id={id('sectors')}
          legend={labels.sectors}
          options={options('sector', sectors)}
          value={values.sectors}
          errors={errorsOf('sectors')}
          onChange={(next) => set('sectors', next)}
        />
        <TextAreaField
          id={id('description')}
          label={labels.description}
          rows={4}
          value={values.description}
          errors={errorsOf('description')}
          onChange={(e) => set('description', e.target.value)}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t('members.sections.contactInfo')}</legend>
        <TextField
          id={id('website')}
          label={labels.website}
          hint={t('members.hints.website')}
          type="url"
          autoComplete="url"
          value={values.website}
          errors={errorsOf('website')}
          onChange={(e) => set('website', e.target.value)}
        />
        <div className="row">
          <TextField
            id={id('email')}
            label={labels.email}
            type="email"
            autoComplete="email"
            value={values.email}
            errors={errorsOf('email')}
            onChange={(e) => set('email', e.target.value)}
          />
          <TextField
            id={id('phone')}
            label={labels.phone}
            type="tel"
            autoComplete="tel"
            value={values.phone}
            errors={errorsOf('phone')}
            onChange={(e) => set('phone', e.target.value)}
          />
        </div>
        <p className="field-error" id={id('address')} tabIndex={-1} hidden={!errorsOf('address')}>
          {errorsOf('address')?.join(' ')}
        </p>
        <TextField
          id={id('address.street')}
          label={labels['address.street']}
          autoComplete="street-address"
          value={values.street}
          errors={errorsOf('address.street')}
          onChange={(e) => set('street', e.target.value)}
        />
        <div className="row">
          <TextField
            id={id('address.postalCode')}
            label={labels['address.postalCode']}
            inputMode="numeric"
            autoComplete="postal-code"
            value={values.postalCode}
            errors={errorsOf('address.postalCode')}
            onChange={(e) => set('postalCode', e.target.value)}
          />
          <TextField
            id={id('address.city')}
            label={labels['address.city']}
            autoComplete="address-level2"
            value={values.city}
            errors={errorsOf('address.city')}
            onChange={(e) => set('city', e.target.value)}
          />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('members.sections.membership')}</legend>
        <p className="field-error" id={id('membership')} tabIndex={-1} hidden={!errorsOf('membership')}>
          {errorsOf('membership')?.join(' ')}
        </p>
        <SelectField
          id={id('membership.status')}
          label={labels['membership.status']}
          required
          value={values.membershipStatus}
          options={options('membershipStatus', membershipStatuses)}
          errors={errorsOf('membership.status')}
          onChange={(e) => set('membershipStatus', e.target.value)}
        />
        <div className="row">
          <TextField
            id={id('membership.joinedOn')}
            label={labels['membership.joinedOn']}
            type="date"
            value={values.joinedOn}
            errors={errorsOf('membership.joinedOn')}
            onChange={(e) => set('joinedOn', e.target.value)}
          />
          <TextField
            id={id('membership.endedOn')}
            label={labels['membership.endedOn']}
            type="date"
            value={values.endedOn}
            errors={errorsOf('membership.endedOn')}
            onChange={(e) => set('endedOn', e.target.value)}
          />
        </div>
      </fieldset>

      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
