import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import type { MailLogItem, MailStatus } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { SelectField } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { QueryTable } from '../../components/QueryList';
import { formatDateTime } from '../../i18n/format';

const statuses: readonly MailStatus[] = ['pending', 'sent', 'failed'];

function useMailLog(status: MailStatus | '') {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['mail', status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(
        api.GET('/api/v1/mail', {
          params: { query: { limit: 100, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

/** The mail log (admin): what CommunityHub queued, sent or failed to send, newest first, with "send again". */
export function MailPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<MailStatus | ''>('');
  const query = useMailLog(status);
  const [retried, setRetried] = useState(false);
  const retry = useMutation({
    mutationFn: (item: MailLogItem) => unwrapData(api.POST('/api/v1/mail/{id}/retry', { params: { path: { id: item.id } } })),
    onSuccess: () => {
      setRetried(true);
      void queryClient.invalidateQueries({ queryKey: ['mail'] });
    },
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageTitle title={t('mail.title')}>{t('mail.title')}</PageTitle>
      <p>{t('mail.intro')}</p>
      <SelectField
        id="mail-status"
        label={t('mail.status')}
        value={status}
        emptyLabel={t('mail.all')}
        options={statuses.map((s) => ({ value: s, label: t(`mail.statuses.${s}`) }))}
        onChange={(e) => setStatus(e.target.value as MailStatus | '')}
      />
      {retried ? <Alert tone="success">{t('mail.retried')}</Alert> : null}
      {retry.error ? <ApiErrorMessage error={retry.error} /> : null}
      <QueryTable
        query={query}
        empty={<p>{t('mail.empty')}</p>}
        caption={t('mail.title')}
        rows={rows}
        rowKey={(m) => m.id}
        columns={[
          { header: t('mail.createdAt'), cell: (m) => formatDateTime(m.createdAt) },
          { header: t('mail.to'), cell: (m) => m.to },
          { header: t('mail.subject'), cell: (m) => m.subject },
          { header: t('mail.kind'), cell: (m) => m.kind },
          { header: t('mail.status'), cell: (m) => t(`mail.statuses.${m.status}`) },
          { header: t('mail.attempts'), cell: (m) => String(m.attempts) },
          { header: t('mail.sentAt'), cell: (m) => formatDateTime(m.sentAt) },
          { header: t('mail.lastError'), cell: (m) => m.lastError ?? '' },
        ]}
        rowActions={(m) =>
          m.bodyErased ? null : (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={retry.isPending}
              aria-label={t('mail.retryFor', { subject: m.subject })}
              onClick={() => retry.mutate(m)}
            >
              {t('mail.retry')}
            </button>
          )
        }
      />
      <LoadMore query={query} />
    </>
  );
}
