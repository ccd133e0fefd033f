import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { partyRoles, serviceAreas } from '../../api/types';
import { SelectField, TextAreaField, TextField, fieldId } from '../../components/fields';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { FormActions } from '../../components/FormActions';
import { ConflictNotice } from '../../components/ConflictNotice';
import { MunicipalityDatalist } from '../../components/MunicipalityDatalist';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { emptyGoal, emptyParty, type GoalValues, type PartnershipFormValues, type PartyValues } from './form';

const FORM = 'partnership';
const simpleFields = ['title', 'description', 'municipalityCode', 'serviceArea', 'startsOn', 'endsOn', 'agreementRef', 'reviewIntervalMonths'] as const;
type SimpleField = (typeof simpleFields)[number];

export function PartnershipForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial: PartnershipFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: PartnershipFormValues) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [values, setValues] = useState<PartnershipFormValues>(initial);
  const server = useServerFieldErrors(error);
  const errors = server.all;
  const at = server.errorsAt;
  const set = <K extends SimpleField>(key: K, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    server.edited(key);
  };
  const setParty = (index: number, patch: Partial<PartyValues>) => {
    setValues((v) => ({ ...v, parties: v.parties.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
    for (const key of Object.keys(patch)) server.edited(`parties.${index}.${key}`);
  };
  const setGoal = (index: number, patch: Partial<GoalValues>) => {
    setValues((v) => ({ ...v, goals: v.goals.map((g, i) => (i === index ? { ...g, ...patch } : g)) }));
    for (const key of Object.keys(patch)) server.edited(`goals.${index}.${key}`);
  };

  const simpleLabels: Record<SimpleField, string> = {
    title: t('partnerships.fields.title'),
    description: t('partnerships.fields.description'),
    municipalityCode: t('partnerships.fields.municipalityCode'),
    serviceArea: t('partnerships.fields.serviceArea'),
    startsOn: t('partnerships.fields.startsOn'),
    endsOn: t('partnerships.fields.endsOn'),
    agreementRef: t('partnerships.fields.agreementRef'),
    reviewIntervalMonths: t('partnerships.fields.reviewIntervalMonths'),
  };
  const labelFor = (key: string): string => {
    const party = /^parties\.(\d+)\.(\w+)$/.exec(key);
    if (party) return `${t('partnerships.partyN', { n: Number(party[1]) + 1 })}: ${t(`partnerships.partyFields.${party[2] === 'memberId' ? 'member' : party[2] === 'role' ? 'role' : 'responsibilities'}`)}`;
    const goal = /^goals\.(\d+)\.(\w+)$/.exec(key);
    if (goal) return `${t('partnerships.goalN', { n: Number(goal[1]) + 1 })}: ${t(`partnerships.goalFields.${goal[2] === 'indicator' ? 'indicator' : goal[2] === 'target' ? 'target' : 'title'}`)}`;
    if (key === 'parties') return t('partnerships.fields.parties');
    if (key === 'goals') return t('partnerships.fields.goals');
    return (simpleLabels as Record<string, string>)[key] ?? '';
  };
  const summary: SummaryItem[] = Object.entries(errors).map(([key, messages]) => {
    const label = labelFor(key);
    return { targetId: label ? fieldId(FORM, key) : null, label, messages };
  });
  const isConflict = error instanceof ApiError && error.isPreconditionFailed;
  const isOther = error != null && !isConflict && !server.any;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby="partnership-required-note">
      {isConflict && onReload ? <ConflictNotice onReload={onReload} /> : null}
      {isOther ? <ApiErrorMessage error={error} /> : null}
      <ErrorSummary items={summary} />
      <p className="hint" id="partnership-required-note">
        {t('form.requiredNote')}
      </p>

      <fieldset className="group">
        <legend>{t('partnerships.sections.basics')}</legend>
        <TextField id={fieldId(FORM, 'title')} label={simpleLabels.title} required value={values.title} errors={at('title')} onChange={(e) => set('title', e.target.value)} />
        <TextAreaField
          id={fieldId(FORM, 'description')}
          label={simpleLabels.description}
          rows={4}
          value={values.description}
          errors={at('description')}
          onChange={(e) => set('description', e.target.value)}
        />
        <div className="row">
          <TextField
            id={fieldId(FORM, 'municipalityCode')}
            label={simpleLabels.municipalityCode}
            hint={t('members.hints.municipalityCode')}
            required
            inputMode="numeric"
            list="partnership-municipality-codes"
            value={values.municipalityCode}
            errors={at('municipalityCode')}
            onChange={(e) => set('municipalityCode', e.target.value)}
          />
          <SelectField
            id={fieldId(FORM, 'serviceArea')}
            label={simpleLabels.serviceArea}
            required
            value={values.serviceArea}
            emptyLabel={t('form.choose')}
            options={options('serviceArea', serviceAreas)}
            errors={at('serviceArea')}
            onChange={(e) => set('serviceArea', e.target.value)}
          />
        </div>
        <MunicipalityDatalist id="partnership-municipality-codes" />
        <div className="row">
          <TextField id={fieldId(FORM, 'startsOn')} label={simpleLabels.startsOn} type="date" value={values.startsOn} errors={at('startsOn')} onChange={(e) => set('startsOn', e.target.value)} />
          <TextField id={fieldId(FORM, 'endsOn')} label={simpleLabels.endsOn} type="date" value={values.endsOn} errors={at('endsOn')} onChange={(e) => set('endsOn', e.target.value)} />
        </div>
        <div className="row">
          <TextField
            id={fieldId(FORM, 'agreementRef')}
            label={simpleLabels.agreementRef}
            hint={t('partnerships.hints.agreementRef')}
            value={values.agreementRef}
            errors={at('agreementRef')}
            onChange={(e) => set('agreementRef', e.target.value)}
          />
          <TextField
            id={fieldId(FORM, 'reviewIntervalMonths')}
            label={simpleLabels.reviewIntervalMonths}
            hint={t('partnerships.hints.reviewInterval')}
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            value={values.reviewIntervalMonths}
            errors={at('reviewIntervalMonths')}
            onChange={(e) => set('reviewIntervalMonths', e.target.value)}
          />
        </div>
      </fieldset>

      <fieldset className="group" id={fieldId(FORM, 'parties')} tabIndex={-1}>
        <legend>{t('partnerships.fields.parties')}</legend>
        <p className="hint">{t('partnerships.hints.parties')}</p>
        {at('parties') ? <p className="field-error">{at('parties')?.join(' ')}</p> : null}
        {values.parties.map((party, index) => (
          <fieldset className="subgroup" key={party.key}>
            <legend>{t('partnerships.partyN', { n: index + 1 })}</legend>
            <MemberPicker
              id={fieldId(FORM, `parties.${index}.memberId`)}
              label={t('partnerships.partyFields.member')}
              required
              value={party.memberId}
              errors={at(`parties.${index}.memberId`)}
              onChange={(memberId) => setParty(index, { memberId })}
            />
            <div className="row">
              <SelectField
                id={fieldId(FORM, `parties.${index}.role`)}
                label={t('partnerships.partyFields.role')}
                required
                value={party.role}
                options={options('partyRole', partyRoles)}
                errors={at(`parties.${index}.role`)}
                onChange={(e) => setParty(index, { role: e.target.value })}
              />
              <TextField
                id={fieldId(FORM, `parties.${index}.responsibilities`)}
                label={t('partnerships.partyFields.responsibilities')}
                value={party.responsibilities}
                errors={at(`parties.${index}.responsibilities`)}
                onChange={(e) => setParty(index, { responsibilities: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setValues((v) => ({ ...v, parties: v.parties.filter((_, i) => i !== index) }))}
            >
              {t('partnerships.removeParty', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary" onClick={() => {
            setValues((v) => ({ ...v, parties: [...v.parties, emptyParty()] }));
            server.edited('parties');
          }}>
          {t('partnerships.addParty')}
        </button>
      </fieldset>

      <fieldset className="group" id={fieldId(FORM, 'goals')} tabIndex={-1}>
        <legend>{t('partnerships.fields.goals')}</legend>
        <p className="hint">{t('partnerships.hints.goals')}</p>
        {at('goals') ? <p className="field-error">{at('goals')?.join(' ')}</p> : null}
        {values.goals.map((goal, index) => (
          <fieldset className="subgroup" key={goal.key}>
            <legend>{t('partnerships.goalN', { n: index + 1 })}</legend>
            <TextField
              id={fieldId(FORM, `goals.${index}.title`)}
              label={t('partnerships.goalFields.title')}
              required
              value={goal.title}
              errors={at(`goals.${index}.title`)}
              onChange={(e) => setGoal(index, { title: e.target.value })}
            />
            <div className="row">
              <TextField
                id={fieldId(FORM, `goals.${index}.indicator`)}
                label={t('partnerships.goalFields.indicator')}
                value={goal.indicator}
                errors={at(`goals.${index}.indicator`)}
                onChange={(e) => setGoal(index, { indicator: e.target.value })}
              />
              <TextField
                id={fieldId(FORM, `goals.${index}.target`)}
                label={t('partnerships.goalFields.target')}
                value={goal.target}
                errors={at(`goals.${index}.target`)}
                onChange={(e) => setGoal(index, { target: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setValues((v) => ({ ...v, goals: v.goals.filter((_, i) => i !== index) }))}
            >
              {t('partnerships.removeGoal', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary" onClick={() => {
            setValues((v) => ({ ...v, goals: [...v.goals, emptyGoal()] }));
            server.edited('goals');
          }}>
          {t('partnerships.addGoal')}
        </button>
      </fieldset>

      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
