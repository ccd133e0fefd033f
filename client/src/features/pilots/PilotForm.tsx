import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { pilotThemes } from '../../api/types';
import { SelectField, TextAreaField, TextField, fieldId } from '../../components/fields';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { FormActions } from '../../components/FormActions';
import { ConflictNotice } from '../../components/ConflictNotice';
import { MunicipalityDatalist } from '../../components/MunicipalityDatalist';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { PartnershipPicker } from '../partnerships/PartnershipPicker';
import { emptyMetric, emptyTeamMember, type MetricValues, type PilotFormValues, type TeamValues } from './form';

const FORM = 'pilot';
type Simple = Exclude<keyof PilotFormValues, 'team' | 'metrics' | 'partnershipId'>;
/** Evaluation inputs are sent as `evaluation.results` etc. */
const pathOf = (field: Simple) => (['results', 'impact', 'learnings', 'recommendation'].includes(field) ? `evaluation.${field}` : field);

export function PilotForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial: PilotFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: PilotFormValues) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [values, setValues] = useState<PilotFormValues>(initial);
  const server = useServerFieldErrors(error);
  const errors = server.all;
  const at = server.errorsAt;
  const set = (key: Simple, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    server.edited(pathOf(key));
  };
  const setTeam = (i: number, patch: Partial<TeamValues>) => {
    setValues((v) => ({ ...v, team: v.team.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
    for (const key of Object.keys(patch)) server.edited(`team.${i}.${key}`);
  };
  const setMetric = (i: number, patch: Partial<MetricValues>) => {
    setValues((v) => ({ ...v, metrics: v.metrics.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
    for (const key of Object.keys(patch)) server.edited(`metrics.${i}.${key}`);
  };
  const simple = (field: Simple, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      id={fieldId(FORM, pathOf(field))}
      label={label}
      value={values[field]}
      errors={at(pathOf(field))}
      onChange={(e) => set(field, e.target.value)}
      {...extra}
    />
  );
  const area = (field: Simple, label: string, required = false) => (
    <TextAreaField
      id={fieldId(FORM, pathOf(field))}
      label={label}
      rows={3}
      required={required}
      value={values[field]}
      errors={at(pathOf(field))}
      onChange={(e) => set(field, e.target.value)}
    />
  );
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
    <form className="form" onSubmit={submit} noValidate aria-describedby="pilot-required-note">
      {isConflict && onReload ? <ConflictNotice onReload={onReload} /> : null}
      {isOther ? <ApiErrorMessage error={error} /> : null}
      <ErrorSummary items={summary} />
      <p className="hint" id="pilot-required-note">
        {t('form.requiredNote')}
      </p>
      <fieldset className="group">
        <legend>{t('pilots.sections.basics')}</legend>
        {simple('title', t('pilots.fields.title'), { required: true })}
        <div className="row">
          <SelectField
            id={fieldId(FORM, 'theme')}
            label={t('pilots.fields.theme')}
            required
            value={values.theme}
            emptyLabel={t('form.choose')}
            options={options('pilotTheme', pilotThemes)}
            errors={at('theme')}
            onChange={(e) => set('theme', e.target.value)}
          />
          {simple('municipalityCode', t('pilots.fields.municipalityCode'), { required: true, inputMode: 'numeric', list: 'pilot-municipality-codes' })}
        </div>
        <MunicipalityDatalist id="pilot-municipality-codes" />
        {area('problem', t('pilots.fields.problem'))}
        {area('hypothesis', t('pilots.fields.hypothesis'))}
        <MemberPicker
          id={fieldId(FORM, 'ownerMemberId')}
          label={t('pilots.fields.owner')}
          required
          value={values.ownerMemberId}
          errors={at('ownerMemberId')}
          onChange={(id) => {
            setValues((v) => ({ ...v, ownerMemberId: id }));
            server.edited('ownerMemberId');
          }}
        />
        <PartnershipPicker
          id={fieldId(FORM, 'partnershipId')}
          label={t('links.partnership')}
          value={values.partnershipId}
          errors={at('partnershipId')}
          onChange={(partnershipId) => {
            setValues((v) => ({ ...v, partnershipId }));
            server.edited('partnershipId');
          }}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t('pilots.sections.schedule')}</legend>
        <div className="row">
          {simple('plannedStart', t('pilots.fields.plannedStart'), { type: 'date' })}
          {simple('plannedEnd', t('pilots.fields.plannedEnd'), { type: 'date' })}
        </div>
        <div className="row">
          {simple('startedOn', t('pilots.fields.startedOn'), { type: 'date' })}
          {simple('endedOn', t('pilots.fields.endedOn'), { type: 'date' })}
        </div>
        {simple('budgetEur', t('pilots.fields.budgetEur'), { inputMode: 'decimal', hint: t('pilots.hints.budget') })}
      </fieldset>

      <fieldset className="group" id={fieldId(FORM, 'team')} tabIndex={-1}>
        <legend>{t('pilots.fields.team')}</legend>
        {values.team.map((m, i) => (
          <fieldset className="subgroup" key={m.key}>
            <legend>{t('pilots.teamN', { n: i + 1 })}</legend>
            <MemberPicker
              id={fieldId(FORM, `team.${i}.memberId`)}
              label={t('pilots.teamFields.member')}
              required
              value={m.memberId}
              errors={at(`team.${i}.memberId`)}
              onChange={(memberId) => setTeam(i, { memberId })}
            />
            <TextField
              id={fieldId(FORM, `team.${i}.role`)}
              label={t('pilots.teamFields.role')}
              value={m.role}
              errors={at(`team.${i}.role`)}
              onChange={(e) => setTeam(i, { role: e.target.value })}
            />
            <button type="button" className="button button-secondary button-small" onClick={() => setValues((v) => ({ ...v, team: v.team.filter((_, j) => j !== i) }))}>
              {t('pilots.removeTeamMember', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary" onClick={() => setValues((v) => ({ ...v, team: [...v.team, emptyTeamMember()] }))}>
          {t('pilots.addTeamMember')}
        </button>
      </fieldset>

      <fieldset className="group" id={fieldId(FORM, 'metrics')} tabIndex={-1}>
        <legend>{t('pilots.fields.metrics')}</legend>
        <p className="hint">{t('pilots.hints.metrics')}</p>
        {values.metrics.map((m, i) => (
          <fieldset className="subgroup" key={m.key}>
            <legend>{t('pilots.metricN', { n: i + 1 })}</legend>
            <div className="row">
              <TextField
                id={fieldId(FORM, `metrics.${i}.name`)}
                label={t('pilots.metricFields.name')}
                required
                value={m.name}
                errors={at(`metrics.${i}.name`)}
                onChange={(e) => setMetric(i, { name: e.target.value })}
              />
              <TextField
                id={fieldId(FORM, `metrics.${i}.unit`)}
                label={t('pilots.metricFields.unit')}
                value={m.unit}
                errors={at(`metrics.${i}.unit`)}
                onChange={(e) => setMetric(i, { unit: e.target.value })}
              />
            </div>
            <div className="row">
              {(['baseline', 'target', 'actual'] as const).map((field) => (
                <TextField
                  key={field}
                  id={fieldId(FORM, `metrics.${i}.${field}`)}
                  label={t(`pilots.metricFields.${field}`)}
                  inputMode="decimal"
                  value={m[field]}
                  errors={at(`metrics.${i}.${field}`)}
                  onChange={(e) => setMetric(i, { [field]: e.target.value })}
                />
              ))}
            </div>
            <button type="button" className="button button-secondary button-small" onClick={() => setValues((v) => ({ ...v, metrics: v.metrics.filter((_, j) => j !== i) }))}>
              {t('pilots.removeMetric', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button-secondary" onClick={() => setValues((v) => ({ ...v, metrics: [...v.metrics, emptyMetric()] }))}>
          {t('pilots.addMetric')}
        </button>
      </fieldset>

      <fieldset className="group">
        <legend>{t('pilots.fields.evaluation')}</legend>
        <p className="hint">{t('pilots.hints.evaluation')}</p>
        {area('results', t('pilots.evaluation.results'))}
        {area('impact', t('pilots.evaluation.impact'))}
        {area('learnings', t('pilots.evaluation.learnings'))}
        {area('recommendation', t('pilots.evaluation.recommendation'))}
      </fieldset>

      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
