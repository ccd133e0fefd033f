import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { compact, optional, required } from '../../api/body';
import { feedTypes, type WebhookBody, type WebhookStatus } from '../../api/types';
import { CheckboxGroup, TextAreaField, TextField, fieldId } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConflictNotice } from '../../components/ConflictNotice';
import { ErrorSummary, summaryFor } from '../../components/ErrorSummary';
import { FormActions } from '../../components/FormActions';
import { MunicipalityDatalist } from '../../components/MunicipalityDatalist';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { useEnumOptions } from '../../i18n/labels';

const fields = ['url', 'types', 'municipalityCode', 'description'] as const;
type Field = (typeof fields)[number];

export interface WebhookFormValues {
  url: string;
  types: string[];
  municipalityCode: string;
  description: string;
}

/** The body, with only what was filled in; a status left out keeps the subscription's current one. */
export function webhookFormBody(values: WebhookFormValues, status: WebhookStatus | null): WebhookBody {
  return compact({
    url: required(values.url),
    types: values.types,
    municipalityCode: optional(values.municipalityCode),
    description: optional(values.description),
    status: status ?? undefined,
  });
}

/** A subscription's receiver address and filters: which collections, and optionally one municipality. */
export function WebhookForm({
  form,
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  form: string;
  initial: WebhookFormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: WebhookFormValues) => void;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [values, setValues] = useState<WebhookFormValues>(initial);
  const server = useServerFieldErrors(error);
  const set = <K extends keyof WebhookFormValues>(key: K, value: WebhookFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    server.edited(key);
  };
  const labels: Record<Field, string> = {
    url: t('webhooks.fields.url'),
    types: t('webhooks.fields.types'),
    municipalityCode: t('webhooks.fields.municipality'),
    description: t('webhooks.fields.description'),
  };
  const isConflict = error instanceof ApiError && error.isPreconditionFailed;
  const isOther = error != null && !isConflict && !server.any;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {isConflict && onReload ? <ConflictNotice onReload={onReload} /> : null}
      {isOther ? <ApiErrorMessage error={error} /> : null}
      <ErrorSummary items={summaryFor(form, fields, labels, server.all)} />
      <TextField
        id={fieldId(form, 'url')}
        label={labels.url}
        hint={t('webhooks.hints.url')}
        required
        type="url"
        inputMode="url"
        autoComplete="off"
        value={values.url}
        errors={server.errorsOf('url')}
        onChange={(e) => set('url', e.target.value)}
      />
      <CheckboxGroup
        id={fieldId(form, 'types')}
        legend={labels.types}
        hint={t('webhooks.hints.types')}
        required
        options={options('collection', feedTypes)}
        value={values.types}
        errors={server.errorsOf('types')}
        onChange={(next) => set('types', next)}
      />
      <TextField
        id={fieldId(form, 'municipalityCode')}
        label={labels.municipalityCode}
        hint={t('webhooks.hints.municipality')}
        inputMode="numeric"
        maxLength={3}
        list={`${form}-municipality-codes`}
        value={values.municipalityCode}
        errors={server.errorsOf('municipalityCode')}
        onChange={(e) => set('municipalityCode', e.target.value)}
      />
      <MunicipalityDatalist id={`${form}-municipality-codes`} />
      <TextAreaField
        id={fieldId(form, 'description')}
        label={labels.description}
        rows={2}
        value={values.description}
        errors={server.errorsOf('description')}
        onChange={(e) => set('description', e.target.value)}
      />
      {onCancel ? (
        <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
      ) : (
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('form.saving') : submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}
