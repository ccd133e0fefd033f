import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCursorPages, useRecord, useRecordDelete, useRecordWrite } from '../../api/queries';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import { feedTypes, type FeedType, type Webhook, type WebhookBody } from '../../api/types';

export const webhookKeys = {
  list: ['webhooks', 'list'] as const,
  detail: (id: string) => ['webhooks', 'detail', id] as const,
  deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
};

export function useWebhooks() {
  return useCursorPages(webhookKeys.list, (api, page, signal) => api.GET('/api/v1/webhooks', { params: { query: { limit: 100, ...page } }, signal }));
}

export function useWebhook(id: string) {
  return useRecord('webhooks', id, (api, signal) => api.GET('/api/v1/webhooks/{id}', { params: { path: { id } }, signal }), {
    // The dispatcher changes the status and the retry time; the page follows it while open.
    refetchInterval: 5_000,
  });
}

/** The delivery log, newest first; refreshed every few seconds while the page is open, since the dispatcher writes it. */
export function useWebhookDeliveries(id: string) {
  return useCursorPages(
    webhookKeys.deliveries(id),
    (api, page, signal) => api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50, ...page } }, signal }),
    { refetchInterval: 5_000 },
  );
}

export function useCreateWebhook() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookBody) => unwrapData(api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list }),
  });
}

export function useUpdateWebhook(id: string) {
  return useRecordWrite('webhooks', (api, { body, etag, version }: { body: WebhookBody; etag: string | null; version: number }) =>
    api.PUT('/api/v1/webhooks/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) }),
  );
}

export function useRotateWebhookSecret(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhook: Webhook) =>
      unwrapData(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } }, headers: ifMatchHeader(null, webhook.version) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.detail(id) }),
  });
}

export function usePingWebhook(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrapData(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}

export function useDeleteWebhook(id: string) {
  return useRecordDelete('webhooks', id, (api, webhook: Webhook) =>
    api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } }, headers: ifMatchHeader(null, webhook.version) }),
  );
}

/** A subscription as the form sends it: the current filters and status, with one change applied. */
export function webhookBody(webhook: Webhook, patch: Partial<WebhookBody> = {}): WebhookBody {
  return {
    url: webhook.url,
    // The API answers with the types it accepted.
    types: webhook.types as FeedType[],
    municipalityCode: webhook.municipalityCode,
    description: webhook.description,
    status: webhook.status,
    ...patch,
  };
}

/** A subscription's collections in the app's usual order (members, partnerships, pilots, events), whatever order the server keeps. */
export function orderedTypes(types: readonly string[]): string[] {
  const known: readonly string[] = feedTypes;
  return [...known.filter((t) => types.includes(t)), ...types.filter((t) => !known.includes(t))];
}
