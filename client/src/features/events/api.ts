import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrap, unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import { excelFiQuery, saveFile } from '../../api/csv';
import type { CommunityEvent, CommunityEventPage, EventBody, EventStatus, FeedbackBody, RegistrationBody } from '../../api/types';

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

function compact(filters: EventFilters): EventFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as EventFilters;
}

export function useEvents(filters: EventFilters, pageSize = 50) {
  const api = useApi();
  const query = compact(filters);
  return useInfiniteQuery({
    queryKey: [...eventKeys.list(query), pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(
        api.GET('/api/v1/events', {
          params: { query: { ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

/** Every event of an interval (a calendar month): follows the cursor to the end. */
export function useAllEvents(filters: EventFilters) {
  const api = useApi();
  const query = compact(filters);
  return useQuery({
    queryKey: [...eventKeys.list(query), 'all'],
    queryFn: async ({ signal }) => {
      const items: CommunityEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: CommunityEventPage = await unwrapData(
          api.GET('/api/v1/events', { params: { query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? null;
      } while (cursor);
      return items;
    },
  });
}

export function useEvent(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateEvent() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EventBody) => unwrap(api.POST('/api/v1/events', { body })),
    onSuccess: (result) => {
      queryClient.setQueryData(eventKeys.detail(result.data.id), result);
      void queryClient.invalidateQueries({ queryKey: ['events', 'list'] });
    },
  });
}

export function useUpdateEvent(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag, version }: { body: EventBody; etag: string | null; version: number }) =>
      unwrap(api.PUT('/api/v1/events/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) })),
    onSuccess: (result) => {
      queryClient.setQueryData(eventKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: ['events', 'list'] });
    },
  });
}

export function useTransitionEvent(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ to, etag, version }: { to: EventStatus; etag: string | null; version: number }) =>
      unwrap(
        api.POST('/api/v1/events/{id}/transitions', { params: { path: { id } }, body: { to }, headers: ifMatchHeader(etag, version) }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(eventKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: ['events', 'list'] });
    },
  });
}

export function useDeleteEvent(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, version }: { etag: string | null; version: number }) =>
      unwrap(api.DELETE('/api/v1/events/{id}', { params: { path: { id } }, headers: ifMatchHeader(etag, version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: eventKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['events', 'list'] });
    },
  });
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

export function useCancelRegistration(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ registrationId, token }: { registrationId: string; token?: string }) =>
      unwrapData(
        api.DELETE('/api/v1/events/{id}/registrations/{registrationId}', {
          params: { path: { id, registrationId }, query: token ? { token } : {} },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: eventKeys.registrations(id) });
    },
  });
}

export function useRegistrations(id: string, enabled: boolean) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: eventKeys.registrations(id),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(
        api.GET('/api/v1/events/{id}/registrations', {
          params: { path: { id }, query: { limit: 200, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
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
  const api = useApi();
  return useQuery({
    queryKey: eventKeys.feedback(id),
    enabled,
    queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/events/{id}/feedback/summary', { params: { path: { id } }, signal })),
  });
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
