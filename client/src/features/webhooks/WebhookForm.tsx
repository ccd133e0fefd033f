import { useTranslation } from 'react-i18next';
import { compact, optional, required } from '../../api/body';
import { feedTypes, type FeedType, type WebhookBody, type WebhookStatus } from '../../api/types';
import { CheckboxGroup, TextAreaField, TextField } from '../../components/fields';
import { summaryFor } from '../../components/ErrorSummary';
import { FormActions } from '../../components/FormActions';
import { MunicipalityField } from '../../components/MunicipalityField';
import { FormNotices, useEntityForm, type EntityFormProps } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { limits } from '../../api/limits';

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
    types: values.types as FeedType[],
    municipalityCode: optional(values.municipalityCode),
    description: optional(values.description),
    status: status ?? undefined,
  });
}

/** A subscription's receiver address and filters: which collections, and optionally one municipality. */
export function WebhookForm({
  form: name,
  onCancel,
  ...props
}: Omit<EntityFormProps<WebhookFormValues>, 'onCancel'> & { form: string; onCancel?: () => void }) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const form = useEntityForm({ ...props, form: name, limits: limits.WebhookInput });
  const { field, server } = form;
  const labels: Record<Field, string> = {
    url: t('webhooks.fields.url'),
    types: t('webhooks.fields.types'),
    municipalityCode: t('webhooks.fields.municipality'),
    description: t('webhooks.fields.description'),
  };

  return (
    <form className="form" onSubmit={form.submit} noValidate>
      <FormNotices form={form} summary={summaryFor(name, fields, labels, server.all)} onReload={props.onReload} />
      <TextField label={labels.url} hint={t('webhooks.hints.url')} required type="url" inputMode="url" autoComplete="off" {...field('url')} />
      <CheckboxGroup
        id={form.id('types')}
        legend={labels.types}
        hint={t('webhooks.hints.types')}
        required
        options={options('collection', feedTypes)}
        value={form.values.types}
        errors={server.errorsOf('types')}
        onChange={(next) => form.set('types', next)}
      />
      <MunicipalityField label={labels.municipalityCode} hint={t('webhooks.hints.municipality')} maxLength={3} list={`${name}-municipality-codes`} {...field('municipalityCode')} />
      <TextAreaField label={labels.description} rows={2} {...field('description')} />
      <FormActions busy={props.busy} submitLabel={props.submitLabel} onCancel={onCancel} />
    </form>
  );
}
