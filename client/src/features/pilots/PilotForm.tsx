import { useTranslation } from 'react-i18next';
import { pilotThemes } from '../../api/types';
import { RepeatedGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { summaryByLabel } from '../../components/ErrorSummary';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { PartnershipPicker } from '../partnerships/PartnershipPicker';
import { emptyMetric, emptyTeamMember, type PilotFormValues } from './form';
import { limits } from '../../api/limits';

const FORM = 'pilot';
const evaluationFields = ['results', 'impact', 'learnings', 'recommendation'] as const;
/** Evaluation inputs are sent as `evaluation.results` etc. */
const pathOf = (field: string) => ((evaluationFields as readonly string[]).includes(field) ? `evaluation.${field}` : field);

export function PilotForm(props: EntityFormProps<PilotFormValues>) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({ ...props, form: FORM, pathOf, limits: limits.PilotInput });
  const { field, item, server, values, id } = form;
  const simpleLabels: Record<string, string> = {
    title: t('pilots.fields.title'),
    theme: t('pilots.fields.theme'),
    municipalityCode: t('pilots.fields.municipalityCode'),
    problem: t('pilots.fields.problem'),
    hypothesis: t('pilots.fields.hypothesis'),
    ownerMemberId: t('pilots.fields.owner'),
    partnershipId: t('links.partnership'),
    plannedStart: t('pilots.fields.plannedStart'),
    plannedEnd: t('pilots.fields.plannedEnd'),
    startedOn: t('pilots.fields.startedOn'),
    endedOn: t('pilots.fields.endedOn'),
    budgetEur: t('pilots.fields.budgetEur'),
    team: t('pilots.fields.team'),
    metrics: t('pilots.fields.metrics'),
    'evaluation.results': t('pilots.evaluation.results'),
    'evaluation.impact': t('pilots.evaluation.impact'),
    'evaluation.learnings': t('pilots.evaluation.learnings'),
    'evaluation.recommendation': t('pilots.evaluation.recommendation'),
  };
  const labelFor = (key: string): string => {
    const team = /^team\.(\d+)\./.exec(key);
    if (team) return t('pilots.teamN', { n: Number(team[1]) + 1 });
    const metric = /^metrics\.(\d+)\./.exec(key);
    if (metric) return t('pilots.metricN', { n: Number(metric[1]) + 1 });
    return simpleLabels[key] ?? '';
  };

  return (
    <EntityFormFrame form={form} summary={summaryByLabel(FORM, server.all, labelFor)} props={props}>
      <fieldset className="group">
        <legend>{t('pilots.sections.basics')}</legend>
        <TextField label={t('pilots.fields.title')} required {...field('title')} />
        <div className="row">
          <SelectField label={t('pilots.fields.theme')} required emptyLabel={t('form.choose')} options={options('pilotTheme', pilotThemes)} {...field('theme')} />
          <MunicipalityField label={t('pilots.fields.municipalityCode')} required list="pilot-municipality-codes" {...field('municipalityCode')} />
        </div>
        <TextAreaField label={t('pilots.fields.problem')} rows={3} {...field('problem')} />
        <TextAreaField label={t('pilots.fields.hypothesis')} rows={3} {...field('hypothesis')} />
        <MemberPicker label={t('pilots.fields.owner')} required {...field('ownerMemberId')} />
        <PartnershipPicker label={t('links.partnership')} {...field('partnershipId')} />
      </fieldset>

      <fieldset className="group">
        <legend>{t('pilots.sections.schedule')}</legend>
        <div className="row">
          <TextField label={t('pilots.fields.plannedStart')} type="date" {...field('plannedStart')} />
          <TextField label={t('pilots.fields.plannedEnd')} type="date" {...field('plannedEnd')} />
        </div>
        <div className="row">
          <TextField label={t('pilots.fields.startedOn')} type="date" {...field('startedOn')} />
          <TextField label={t('pilots.fields.endedOn')} type="date" {...field('endedOn')} />
        </div>
        <TextField label={t('pilots.fields.budgetEur')} inputMode="decimal" hint={t('pilots.hints.budget')} {...field('budgetEur')} />
      </fieldset>

      <RepeatedGroup
        id={id('team')}
        legend={t('pilots.fields.team')}
        items={values.team}
        itemLegend={(n) => t('pilots.teamN', { n })}
        removeLabel={(n) => t('pilots.removeTeamMember', { n })}
        addLabel={t('pilots.addTeamMember')}
        onRemove={(i) => form.removeItem('team', i)}
        onAdd={() => form.addItem('team', emptyTeamMember())}
      >
        {(_, i) => (
          <>
            <MemberPicker label={t('pilots.teamFields.member')} required {...item('team', i, 'memberId')} />
            <TextField label={t('pilots.teamFields.role')} {...item('team', i, 'role')} />
          </>
        )}
      </RepeatedGroup>

      <RepeatedGroup
        id={id('metrics')}
        legend={t('pilots.fields.metrics')}
        hint={t('pilots.hints.metrics')}
        items={values.metrics}
        itemLegend={(n) => t('pilots.metricN', { n })}
        removeLabel={(n) => t('pilots.removeMetric', { n })}
        addLabel={t('pilots.addMetric')}
        onRemove={(i) => form.removeItem('metrics', i)}
        onAdd={() => form.addItem('metrics', emptyMetric())}
      >
        {(_, i) => (
          <>
            <div className="row">
              <TextField label={t('pilots.metricFields.name')} required {...item('metrics', i, 'name')} />
              <TextField label={t('pilots.metricFields.unit')} {...item('metrics', i, 'unit')} />
            </div>
            <div className="row">
              {(['baseline', 'target', 'actual'] as const).map((key) => (
                <TextField key={key} label={t(`pilots.metricFields.${key}`)} inputMode="decimal" {...item('metrics', i, key)} />
              ))}
            </div>
          </>
        )}
      </RepeatedGroup>

      <fieldset className="group">
        <legend>{t('pilots.fields.evaluation')}</legend>
        <p className="hint">{t('pilots.hints.evaluation')}</p>
        {evaluationFields.map((key) => (
          <TextAreaField key={key} label={t(`pilots.evaluation.${key}`)} rows={3} {...field(key)} />
        ))}
      </fieldset>
    </EntityFormFrame>
  );
}
