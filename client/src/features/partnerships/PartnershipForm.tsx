import { useTranslation } from 'react-i18next';
import { partyRoles, serviceAreas } from '../../api/types';
import { RepeatedGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { summaryByLabel } from '../../components/ErrorSummary';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { emptyGoal, emptyParty, type PartnershipFormValues } from './form';
import { limits } from '../../api/limits';

const FORM = 'partnership';
const simpleFields = ['title', 'description', 'municipalityCode', 'serviceArea', 'startsOn', 'endsOn', 'agreementRef', 'reviewIntervalMonths'] as const;
type SimpleField = (typeof simpleFields)[number];

export function PartnershipForm(props: EntityFormProps<PartnershipFormValues>) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({ ...props, form: FORM, limits: limits.PartnershipInput });
  const { field, item, server, values, id } = form;
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

      <RepeatedGroup
        id={id('parties')}
        legend={t('partnerships.fields.parties')}
        hint={t('partnerships.hints.parties')}
        errors={at('parties')}
        items={values.parties}
        itemLegend={(n) => t('partnerships.partyN', { n })}
        removeLabel={(n) => t('partnerships.removeParty', { n })}
        addLabel={t('partnerships.addParty')}
        onRemove={(index) => form.removeItem('parties', index)}
        onAdd={() => {
          form.addItem('parties', emptyParty());
          server.edited('parties');
        }}
      >
        {(_, index) => (
          <>
            <MemberPicker label={t('partnerships.partyFields.member')} required {...item('parties', index, 'memberId')} />
            <div className="row">
              <SelectField label={t('partnerships.partyFields.role')} required options={options('partyRole', partyRoles)} {...item('parties', index, 'role')} />
              <TextField label={t('partnerships.partyFields.responsibilities')} {...item('parties', index, 'responsibilities')} />
            </div>
          </>
        )}
      </RepeatedGroup>

      <RepeatedGroup
        id={id('goals')}
        legend={t('partnerships.fields.goals')}
        hint={t('partnerships.hints.goals')}
        errors={at('goals')}
        items={values.goals}
        itemLegend={(n) => t('partnerships.goalN', { n })}
        removeLabel={(n) => t('partnerships.removeGoal', { n })}
        addLabel={t('partnerships.addGoal')}
        onRemove={(index) => form.removeItem('goals', index)}
        onAdd={() => {
          form.addItem('goals', emptyGoal());
          server.edited('goals');
        }}
      >
        {(_, index) => (
          <>
            <TextField label={t('partnerships.goalFields.title')} required {...item('goals', index, 'title')} />
            <div className="row">
              <TextField label={t('partnerships.goalFields.indicator')} {...item('goals', index, 'indicator')} />
              <TextField label={t('partnerships.goalFields.target')} {...item('goals', index, 'target')} />
            </div>
          </>
        )}
      </RepeatedGroup>
    </EntityFormFrame>
  );
}
