import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WebhookCreated } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { LoadMore } from '../../components/LoadMore';
import { Alert } from '../../components/Alert';
import { SecretOnce } from '../../components/SecretOnce';
import { useLocationNotice } from '../../components/useLocationNotice';
import { useEnumLabel } from '../../i18n/labels';
import { formatDateTime } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { orderedTypes, useCreateWebhook, useWebhooks } from './api';
import { WebhookForm, webhookFormBody } from './WebhookForm';
import { QueryTable } from '../../components/QueryList';

/** Webhook subscriptions (admin): the list with each one's status, and a form that creates one. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const notice = useLocationNotice();
  const query = useWebhooks();
  const create = useCreateWebhook();
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  // Bumped after a create so the form starts empty again.
  const [generation, setGeneration] = useState(0);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageTitle title={t('webhooks.title')}>{t('webhooks.title')}</PageTitle>
      <p className="lead">{t('webhooks.intro')}</p>
      {notice === 'deleted' ? <Alert tone="success">{t('webhooks.deleted')}</Alert> : null}
      {created ? (
        <>
          <SecretOnce
            id="new-webhook-secret"
            title={t('webhooks.createdTitle', { url: created.url })}
            explanation={t('webhooks.shownOnce')}
            label={t('webhooks.secret')}
            secret={created.secret}
            copyLabel={t('webhooks.copySecret')}
            onClose={() => setCreated(null)}
          />
          <p>
            <Link to={`/admin/webhooks/${created.id}`}>{t('webhooks.openCreated')}</Link>
          </p>
        </>
      ) : null}

      <section className="panel" aria-labelledby="webhook-form-title">
        <h2 id="webhook-form-title">{t('webhooks.create')}</h2>
        <WebhookForm
          key={generation}
          form="webhook-new"
          initial={{ url: '', types: ['partnerships', 'pilots', 'events'], municipalityCode: '', description: '' }}
          submitLabel={t('webhooks.create')}
          busy={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            create.mutate(webhookFormBody(values, null), {
              onSuccess: (result) => {
                setCreated(result);
                setGeneration((g) => g + 1);
              },
            })
          }
        />
      </section>

      <h2>{t('webhooks.listTitle')}</h2>
      <QueryTable
        query={query}
        empty={<p>{t('webhooks.none')}</p>}
        caption={t('webhooks.listTitle')}
        rows={rows}
        rowKey={(w) => w.id}
        columns={[
          {
            header: t('webhooks.fields.url'),
            cell: (w) => (
              <>
                <Link className="break-anywhere" to={`/admin/webhooks/${w.id}`}>
                  {w.url}
                </Link>
                {w.description ? <span className="muted block">{w.description}</span> : null}
              </>
            ),
          },
          {
            header: t('webhooks.fields.status'),
            cell: (w) => (
              <>
                <span className={`badge badge-webhook-${w.status}`}>{label('webhookStatus', w.status)}</span>
                {w.nextAttemptAt ? <span className="muted block">{t('webhooks.retryAt', { when: formatDateTime(w.nextAttemptAt) })}</span> : null}
              </>
            ),
          },
          { header: t('webhooks.fields.types'), cell: (w) => orderedTypes(w.types).map((type) => label('collection', type)).join(', ') },
          {
            header: t('webhooks.fields.municipality'),
            cell: (w) => (w.municipalityCode ? municipalityName(w.municipalityCode) : t('apiKeys.allMunicipalities')),
          },
          { header: t('webhooks.fields.updatedAt'), cell: (w) => formatDateTime(w.updatedAt) },
        ]}
      />
      <LoadMore query={query} />
    </>
  );
}
