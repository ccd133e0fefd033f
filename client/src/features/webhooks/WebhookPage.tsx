import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { Webhook, WebhookPing } from '../../api/types';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { DataTable } from '../../components/DataTable';
import { Alert } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { LoadMore } from '../../components/LoadMore';
import { RecordRoute } from '../../components/QueryBoundary';
import { SecretOnce } from '../../components/SecretOnce';
import { useEnumLabel } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useDeleteWebhook, usePingWebhook, useRotateWebhookSecret, useUpdateWebhook, useWebhook, useWebhookDeliveries, orderedTypes, webhookBody } from './api';
import { WebhookForm, webhookFormBody } from './WebhookForm';
import { QueryList } from '../../components/QueryList';
import { Detail } from '../../components/Detail';
import { DeleteButton, RecordHeader } from '../../components/RecordHeader';
import { useConflictReload } from '../../components/useEntityForm';

export function WebhookPage() {
  const { t } = useTranslation();
  return (
    <RecordRoute useRecord={useWebhook} title={t('webhooks.title')}>
      {(webhook, etag, reload) => <WebhookView webhook={webhook} etag={etag} reload={reload} />}
    </RecordRoute>
  );
}

function PingResult({ ping }: { ping: WebhookPing }) {
  const { t } = useTranslation();
  const status = ping.statusCode == null ? t('webhooks.noAnswer') : String(ping.statusCode);
  return (
    <Alert tone={ping.delivered ? 'success' : 'warning'} title={ping.delivered ? t('webhooks.pingDelivered') : t('webhooks.pingFailed')}>
      <p>
        {t('webhooks.pingDetails', { status, ms: formatNumber(ping.durationMs) })}
        {ping.error ? ` ${ping.error}` : ''}
      </p>
    </Alert>
  );
}

function WebhookView({ webhook: w, etag, reload }: { webhook: Webhook; etag: string | null; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const update = useUpdateWebhook(w.id);
  const rotate = useRotateWebhookSecret(w.id);
  const ping = usePingWebhook(w.id);
  const remove = useDeleteWebhook(w.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const restart = useConflictReload(update, reload);
  const enabled = w.status === 'active';
  const setStatus = (status: 'active' | 'paused') => {
    setSaved(false);
    update.mutate({ body: webhookBody(w, { status }), etag, version: w.version });
  };
  const conflict = [update.error, rotate.error, remove.error].some((e) => e instanceof ApiError && e.isPreconditionFailed);

  return (
    <>
      <RecordHeader list="/admin/webhooks" backLabel={t('webhooks.backToList')} title={t('webhooks.detailTitle')} heading={<span className="break-anywhere">{w.url}</span>}>
        <DeleteButton mutation={remove} variables={w} list="/admin/webhooks" confirmLabel={t('webhooks.confirmDelete')} question={t('webhooks.deleteQuestion')} />
      </RecordHeader>
      {saved ? <Alert tone="success">{t('form.saved')}</Alert> : null}
      {conflict ? (
        <ConflictNotice
          onReload={() => {
            update.reset();
            rotate.reset();
            remove.reset();
            void reload();
          }}
        />
      ) : null}
      {remove.error && !conflict ? <ApiErrorMessage error={remove.error} /> : null}
      {w.status === 'failing' ? <Alert tone="warning" title={t('webhooks.failingTitle')}>{t('webhooks.failingText')}</Alert> : null}

      <dl className="details">
        <Detail term={t('webhooks.fields.status')}>
          <span className={`badge badge-webhook-${w.status}`}>{label('webhookStatus', w.status)}</span>
        </Detail>
        <Detail term={t('webhooks.fields.types')}>{orderedTypes(w.types).map((type) => label('collection', type)).join(', ')}</Detail>
        <Detail term={t('webhooks.fields.municipality')}>{w.municipalityCode ? municipalityName(w.municipalityCode) : t('apiKeys.allMunicipalities')}</Detail>
        {w.description ? (
          <Detail term={t('webhooks.fields.description')}>{w.description}</Detail>
        ) : null}
        {w.failingSince ? (
          <Detail term={t('webhooks.fields.failingSince')}>{formatDateTime(w.failingSince)}</Detail>
        ) : null}
        {w.nextAttemptAt ? (
          <Detail term={t('webhooks.fields.nextAttemptAt')}>{formatDateTime(w.nextAttemptAt)}</Detail>
        ) : null}
        <Detail term={t('webhooks.fields.createdAt')}>{formatDateTime(w.createdAt)}</Detail>
        <Detail term={t('webhooks.fields.updatedAt')}>{formatDateTime(w.updatedAt)}</Detail>
      </dl>

      <section className="section panel" aria-labelledby="webhook-actions-title">
        <h2 id="webhook-actions-title">{t('webhooks.actionsTitle')}</h2>
        <div className="actions">
          <button type="button" className="button" disabled={ping.isPending} onClick={() => ping.mutate()}>
            {ping.isPending ? t('webhooks.pinging') : t('webhooks.ping')}
          </button>
          {enabled ? (
            <button type="button" className="button button-secondary" disabled={update.isPending} onClick={() => setStatus('paused')}>
              {t('webhooks.pause')}
            </button>
          ) : (
            <button type="button" className="button button-secondary" disabled={update.isPending} onClick={() => setStatus('active')}>
              {t('webhooks.enable')}
            </button>
          )}
          <ConfirmButton
            label={t('webhooks.rotate')}
            confirmLabel={t('webhooks.confirmRotate')}
            question={t('webhooks.rotateQuestion')}
            busy={rotate.isPending}
            onConfirm={() => rotate.mutate(w)}
          />
        </div>
        <p className="hint">{t('webhooks.actionsHint')}</p>
        {ping.data ? <PingResult ping={ping.data} /> : null}
        {ping.error ? <ApiErrorMessage error={ping.error} /> : null}
        {update.error && !editing && !conflict ? <ApiErrorMessage error={update.error} /> : null}
        {rotate.error && !conflict ? <ApiErrorMessage error={rotate.error} /> : null}
        {rotate.data ? (
          <SecretOnce
            id="rotated-webhook-secret"
            title={t('webhooks.rotatedTitle')}
            explanation={t('webhooks.shownOnce')}
            label={t('webhooks.secret')}
            secret={rotate.data.secret}
            copyLabel={t('webhooks.copySecret')}
            onClose={() => rotate.reset()}
          />
        ) : null}
      </section>

      <section className="section" aria-labelledby="webhook-filters-title">
        <div className="section-header">
          <h2 id="webhook-filters-title">{t('webhooks.filtersTitle')}</h2>
          {!editing ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                update.reset();
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('webhooks.editFilters')}
            </button>
          ) : null}
        </div>
        {editing ? (
          <WebhookForm
            key={`${w.version}-${restart.generation}`}
            form="webhook-edit"
            initial={{ url: w.url, types: [...w.types], municipalityCode: w.municipalityCode ?? '', description: w.description ?? '' }}
            submitLabel={t('common.save')}
            busy={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onReload={restart.onReload}
            onSubmit={(values) =>
              update.mutate(
                { body: webhookFormBody(values, null), etag, version: w.version },
                {
                  onSuccess: () => {
                    setEditing(false);
                    setSaved(true);
                  },
                },
              )
            }
          />
        ) : (
          <p className="hint">{t('webhooks.filtersHint')}</p>
        )}
      </section>

      <Deliveries webhook={w} />
    </>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const query = useWebhookDeliveries(webhook.id);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="section" aria-labelledby="webhook-deliveries-title">
      <h2 id="webhook-deliveries-title">{t('webhooks.deliveriesTitle')}</h2>
      <p className="hint">{t('webhooks.deliveriesHint')}</p>
      {webhook.nextAttemptAt ? (
        <p>
          <strong>{t('webhooks.fields.nextAttemptAt')}:</strong> {formatDateTime(webhook.nextAttemptAt)}
        </p>
      ) : null}
      <QueryList query={query} count={rows.length} empty={<p>{t('webhooks.noDeliveries')}</p>}>
        {() => (
          <>
            <DataTable
              caption={t('webhooks.deliveriesTitle')}
              rows={rows}
              rowKey={(d) => d.id}
              columns={[
                { header: t('webhooks.delivery.when'), cell: (d) => formatDateTime(d.when) },
                { header: t('webhooks.delivery.attempt'), cell: (d) => formatNumber(d.attempt) },
                {
                  header: t('webhooks.delivery.status'),
                  cell: (d) => {
                    const ok = d.statusCode != null && d.statusCode >= 200 && d.statusCode < 300;
                    return <span className={`badge ${ok ? 'badge-active' : 'badge-cancelled'}`}>{d.statusCode ?? t('webhooks.noAnswer')}</span>;
                  },
                },
                { header: t('webhooks.delivery.duration'), cell: (d) => t('webhooks.delivery.ms', { ms: formatNumber(d.durationMs) }) },
                {
                  header: t('webhooks.delivery.items'),
                  cell: (d) =>
                    d.firstSeq == null ? t('webhooks.delivery.ping') : d.firstSeq === d.lastSeq ? `#${d.firstSeq}` : `#${d.firstSeq}–#${d.lastSeq}`,
                },
                { header: t('webhooks.delivery.error'), cell: (d) => d.error ?? '' },
              ]}
            />
            <LoadMore query={query} />
          </>
        )}
      </QueryList>
    </section>
  );
}
