import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activeFilters, useAllPages, useCursorPages, useData, useRecord, useRecordDelete, useRecordWrite } from '../../api/queries';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import { excelFiQuery, saveFile } from '../../api/csv';
import type { EventBody, EventStatus, FeedbackBody, RegistrationBody } from '../../api/types';

export interface EventFilters {
  from?: string;
  to?: string;
  q?: string;
  municipality?: string;
  status?: string;
}

export const eventKeys = {
  all: ['events'] as const,
  list: (filters: EventFilters) => ['events', 'list', filters] as const,
  detail: (id: string) => ['events', 'detail', id] as const,
  registrations: (id: string) => ['events', 'registrations', id] as const,
  feedback: (id: string) => ['events', 'feedback', id] as const,
};

export function useEvents(filters: EventFilters, pageSize = 50) {
  const query = activeFilters(filters);
  return useCursorPages([...eventKeys.list(query), pageSize], (api, page, signal) =>
    api.GET('/api/v1/events', { params: { query: { ...query, limit: pageSize, ...page } }, signal }),
  );
}

/** Every event of an interval (a calendar month). */
export function useAllEvents(filters: EventFilters) {
  const query = activeFilters(filters);
  return useAllPages([...eventKeys.list(query), 'all'], (api, page, signal) =>
    api.GET('/api/v1/events', { params: { query: { ...query, limit: 200, ...page } }, signal }),
  );
}

export function useEvent(id: string) {
  return useRecord('events', id, (api, signal) => api.GET('/api/v1/events/{id}', { params: { path: { id } }, signal }));
}

export function useCreateEvent() {
  return useRecordWrite('events', (api, body: EventBody) => api.POST('/api/v1/events', { body }));
}

export function useUpdateEvent(id: string) {
  return useRecordWrite('events', (api, { body, etag, version }: { body: EventBody; etag: string | null; version: number }) =>
    api.PUT('/api/v1/events/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) }),
  );
}

export function useTransitionEvent(id: string) {
  return useRecordWrite('events', (api, { to, etag, version }: { to: EventStatus; etag: string | null; version: number }) =>
    api.POST('/api/v1/events/{id}/transitions', { params: { path: { id } }, body: { to }, headers: ifMatchHeader(etag, version) }),
  );
}

export function useDeleteEvent(id: string) {
  return useRecordDelete('events', id, (api, { etag, version }: { etag: string | null; version: number }) =>
    api.DELETE('/api/v1/events/{id}', { params: { path: { id } }, headers: ifMatchHeader(etag, version) }),
  );
}

export function useRegister(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    // The key makes a retried submission (a lost answer, a double click) register only once.
    mutationFn: ({ body, idempotencyKey }: { body: RegistrationBody; idempotencyKey: string }) =>
      unwrapData(
        api.POST('/api/v1/events/{id}/registrations', {
          params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: eventKeys.registrations(id) });
    },
  });
}

/** Staff and organisers cancel someone's registration (no token needed). */
export function useCancelRegistration(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ registrationId }: { registrationId: string }) =>
      unwrapData(api.DELETE('/api/v1/events/{id}/registrations/{registrationId}', { params: { path: { id, registrationId } } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: eventKeys.registrations(id) });
    },
  });
}

/** A registrant cancels from the mailed link: the token goes in the body, never the address. */
export function useCancelWithToken(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ registrationId, cancelToken }: { registrationId: string; cancelToken: string }) =>
      unwrapData(
        api.POST('/api/v1/events/{id}/registrations/{registrationId}/cancel', { params: { path: { id, registrationId } }, body: { cancelToken } }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) }),
  });
}

export function useRegistrations(id: string, enabled: boolean) {
  return useCursorPages(
    eventKeys.registrations(id),
    (api, page, signal) => api.GET('/api/v1/events/{id}/registrations', { params: { path: { id }, query: { limit: 200, ...page } }, signal }),
    { enabled },
  );
}

export function useSubmitFeedback(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackBody) => unwrapData(api.POST('/api/v1/events/{id}/feedback', { params: { path: { id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: eventKeys.feedback(id) }),
  });
}

export function useFeedbackSummary(id: string, enabled: boolean) {
  return useData(eventKeys.feedback(id), (api, signal) => api.GET('/api/v1/events/{id}/feedback/summary', { params: { path: { id } }, signal }), enabled);
}

/** Downloads the registrations as CSV with the signed-in user's token (a plain link could not send it). */
export function useExportRegistrations(id: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      const blob = await unwrapData(
        api.GET('/api/v1/events/{id}/registrations.csv', { params: { path: { id } }, parseAs: 'blob', querySerializer: excelFiQuery }),
      );
      saveFile(blob as Blob, `ilmoittautumiset-${id}.csv`);
    },
  });
}
