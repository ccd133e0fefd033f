import { useTranslation } from 'react-i18next';
import { pilotThemes } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { summaryByLabel } from '../../components/ErrorSummary';
import { MunicipalityField } from '../../components/MunicipalityField';
import { EntityFormFrame, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { PartnershipPicker } from '../partnerships/PartnershipPicker';
import { emptyMetric, emptyTeamMember, type PilotFormValues } from './form';

const FORM = 'pilot';
const evaluationFields = ['results', 'impact', 'learnings', 'recommendation'] as const;
/** Evaluation inputs are sent as `evaluation.results` etc. */
const pathOf = (field: string) => ((evaluationFields as readonly string[]).includes(field) ? `evaluation.${field}` : field);

export function PilotForm(props: EntityFormProps<PilotFormValues>) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({ form: FORM, initial: props.initial, error: props.error, onSubmit: props.onSubmit, pathOf });
  const { field, server, values, id, set, setItem } = form;
  const at = server.errorsAt;
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
        <MemberPicker
          id={id('ownerMemberId')}
          label={t('pilots.fields.owner')}
          required
          value={values.ownerMemberId}
          errors={at('ownerMemberId')}
          onChange={(memberId) => set('ownerMemberId', memberId)}
        />
        <PartnershipPicker
          id={id('partnershipId')}
          label={t('links.partnership')}
          value={values.partnershipId}
          errors={at('partnershipId')}
          onChange={(partnershipId) => set('partnershipId', partnershipId)}
        />
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

      <fieldset className="group" id={id('team')} tabIndex={-1}>
        <legend>{t('pilots.fields.team')}</legend>
        {values.team.map((m, i) => (
          <fieldset className="subgroup" key={m.key}>
            <legend>{t('pilots.teamN', { n: i + 1 })}</legend>
            <MemberPicker
              id={id(`team.${i}.memberId`)}
              label={t('pilots.teamFields.member')}
              required
              value={m.memberId}
              errors={at(`team.${i}.memberId`)}
              onChange={(memberId) => setItem('team', i, { memberId })}
            />
            <TextField id={id(`team.${i}.role`)} label={t('pilots.teamFields.role')} value={m.role} errors={at(`team.${i}.role`)} onChange={(e) => setItem('team', i, { role: e.target.value })} />
            <button type="button" className="button button-secondary button-small" onClick={() => form.removeItem('team', i)}>
              {t('pilots.removeTeamMember', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary" onClick={() => form.addItem('team', emptyTeamMember())}>
          {t('pilots.addTeamMember')}
        </button>
      </fieldset>

      <fieldset className="group" id={id('metrics')} tabIndex={-1}>
        <legend>{t('pilots.fields.metrics')}</legend>
        <p className="hint">{t('pilots.hints.metrics')}</p>
        {values.metrics.map((m, i) => (
          <fieldset className="subgroup" key={m.key}>
            <legend>{t('pilots.metricN', { n: i + 1 })}</legend>
            <div className="row">
              <TextField
                id={id(`metrics.${i}.name`)}
                label={t('pilots.metricFields.name')}
                required
                value={m.name}
                errors={at(`metrics.${i}.name`)}
                onChange={(e) => setItem('metrics', i, { name: e.target.value })}
              />
              <TextField id={id(`metrics.${i}.unit`)} label={t('pilots.metricFields.unit')} value={m.unit} errors={at(`metrics.${i}.unit`)} onChange={(e) => setItem('metrics', i, { unit: e.target.value })} />
            </div>
            <div className="row">
              {(['baseline', 'target', 'actual'] as const).map((key) => (
                <TextField
                  key={key}
                  id={id(`metrics.${i}.${key}`)}
                  label={t(`pilots.metricFields.${key}`)}
                  inputMode="decimal"
                  value={m[key]}
                  errors={at(`metrics.${i}.${key}`)}
                  onChange={(e) => setItem('metrics', i, { [key]: e.target.value })}
                />
              ))}
            </div>
            <button type="button" className="button button-secondary button-small" onClick={() => form.removeItem('metrics', i)}>
              {t('pilots.removeMetric', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary" onClick={() => form.addItem('metrics', emptyMetric())}>
          {t('pilots.addMetric')}
        </button>
      </fieldset>

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
