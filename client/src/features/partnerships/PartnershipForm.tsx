import { useTranslation } from 'react-i18next';
import { partyRoles, serviceAreas } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { summaryByLabel } from '../../components/ErrorSummary';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { emptyGoal, emptyParty, type PartnershipFormValues } from './form';

const FORM = 'partnership';
const simpleFields = ['title', 'description', 'municipalityCode', 'serviceArea', 'startsOn', 'endsOn', 'agreementRef', 'reviewIntervalMonths'] as const;
type SimpleField = (typeof simpleFields)[number];

export function PartnershipForm(props: EntityFormProps<PartnershipFormValues>) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({ form: FORM, initial: props.initial, error: props.error, onSubmit: props.onSubmit });
  const { field, server, values, id, setItem } = form;
  const at = server.errorsAt;

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

  return (
    <EntityFormFrame form={form} summary={summaryByLabel(FORM, server.all, labelFor)} props={props}>
      <fieldset className="group">
        <legend>{t('partnerships.sections.basics')}</legend>
        <TextField label={simpleLabels.title} required {...field('title')} />
        <TextAreaField label={simpleLabels.description} rows={4} {...field('description')} />
        <div className="row">
          <MunicipalityField
            label={simpleLabels.municipalityCode}
            hint={t('members.hints.municipalityCode')}
            required
            list="partnership-municipality-codes"
            {...field('municipalityCode')}
          />
          <SelectField label={simpleLabels.serviceArea} required emptyLabel={t('form.choose')} options={options('serviceArea', serviceAreas)} {...field('serviceArea')} />
        </div>
        <div className="row">
          <TextField label={simpleLabels.startsOn} type="date" {...field('startsOn')} />
          <TextField label={simpleLabels.endsOn} type="date" {...field('endsOn')} />
        </div>
        <div className="row">
          <TextField label={simpleLabels.agreementRef} hint={t('partnerships.hints.agreementRef')} {...field('agreementRef')} />
          <TextField
            label={simpleLabels.reviewIntervalMonths}
            hint={t('partnerships.hints.reviewInterval')}
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            {...field('reviewIntervalMonths')}
          />
        </div>
      </fieldset>

      <fieldset className="group" id={id('parties')} tabIndex={-1}>
        <legend>{t('partnerships.fields.parties')}</legend>
        <p className="hint">{t('partnerships.hints.parties')}</p>
        {at('parties') ? <p className="field-error">{at('parties')?.join(' ')}</p> : null}
        {values.parties.map((party, index) => (
          <fieldset className="subgroup" key={party.key}>
            <legend>{t('partnerships.partyN', { n: index + 1 })}</legend>
            <MemberPicker
              id={id(`parties.${index}.memberId`)}
              label={t('partnerships.partyFields.member')}
              required
              value={party.memberId}
              errors={at(`parties.${index}.memberId`)}
              onChange={(memberId) => setItem('parties', index, { memberId })}
            />
            <div className="row">
              <SelectField
                id={id(`parties.${index}.role`)}
                label={t('partnerships.partyFields.role')}
                required
                value={party.role}
                options={options('partyRole', partyRoles)}
                errors={at(`parties.${index}.role`)}
                onChange={(e) => setItem('parties', index, { role: e.target.value })}
              />
              <TextField
                id={id(`parties.${index}.responsibilities`)}
                label={t('partnerships.partyFields.responsibilities')}
                value={party.responsibilities}
                errors={at(`parties.${index}.responsibilities`)}
                onChange={(e) => setItem('parties', index, { responsibilities: e.target.value })}
              />
            </div>
            <button type="button" className="button button-secondary button-small" onClick={() => form.removeItem('parties', index)}>
              {t('partnerships.removeParty', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            form.addItem('parties', emptyParty());
            server.edited('parties');
          }}
        >
          {t('partnerships.addParty')}
        </button>
      </fieldset>

      <fieldset className="group" id={id('goals')} tabIndex={-1}>
        <legend>{t('partnerships.fields.goals')}</legend>
        <p className="hint">{t('partnerships.hints.goals')}</p>
        {at('goals') ? <p className="field-error">{at('goals')?.join(' ')}</p> : null}
        {values.goals.map((goal, index) => (
          <fieldset className="subgroup" key={goal.key}>
            <legend>{t('partnerships.goalN', { n: index + 1 })}</legend>
            <TextField
              id={id(`goals.${index}.title`)}
              label={t('partnerships.goalFields.title')}
              required
              value={goal.title}
              errors={at(`goals.${index}.title`)}
              onChange={(e) => setItem('goals', index, { title: e.target.value })}
            />
            <div className="row">
              {(['indicator', 'target'] as const).map((key) => (
                <TextField
                  key={key}
                  id={id(`goals.${index}.${key}`)}
                  label={t(`partnerships.goalFields.${key}`)}
                  value={goal[key]}
                  errors={at(`goals.${index}.${key}`)}
                  onChange={(e) => setItem('goals', index, { [key]: e.target.value })}
                />
              ))}
            </div>
            <button type="button" className="button button-secondary button-small" onClick={() => form.removeItem('goals', index)}>
              {t('partnerships.removeGoal', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            form.addItem('goals', emptyGoal());
            server.edited('goals');
          }}
        >
          {t('partnerships.addGoal')}
        </button>
      </fieldset>
    </EntityFormFrame>
  );
}
