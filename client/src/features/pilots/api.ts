import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrap, unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import type { Pilot, PilotBody, PilotPage, PilotStage } from '../../api/types';

export interface PilotFilters {
  q?: string;
  theme?: string;
  municipality?: string;
}

export const pilotKeys = {
  list: (filters: PilotFilters) => ['pilots', 'list', filters] as const,
  detail: (id: string) => ['pilots', 'detail', id] as const,
  history: (id: string) => ['pilots', 'history', id] as const,
};

/** Every pilot matching the filters (the board shows them all at once, by stage). */
export function useAllPilots(filters: PilotFilters) {
  const api = useApi();
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as PilotFilters;
  return useQuery({
    queryKey: pilotKeys.list(query),
    queryFn: async ({ signal }) => {
      const items: Pilot[] = [];
      let cursor: string | null = null;
      do {
        const page: PilotPage = await unwrapData(
          api.GET('/api/v1/pilots', { params: { query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? null;
      } while (cursor);
      return items;
    },
  });
}

export function usePilot(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: pilotKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/pilots/{id}', { params: { path: { id } }, signal })),
  });
}

export function usePilotHistory(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: pilotKeys.history(id),
    queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/pilots/{id}/history', { params: { path: { id } }, signal })),
  });
}

export function useCreatePilot() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PilotBody) => unwrap(api.POST('/api/v1/pilots', { body })),
    onSuccess: (result) => {
      queryClient.setQueryData(pilotKeys.detail(result.data.id), result);
      void queryClient.invalidateQueries({ queryKey: ['pilots', 'list'] });
    },
  });
}

export function useUpdatePilot(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag, version }: { body: PilotBody; etag: string | null; version: number }) =>
      unwrap(api.PUT('/api/v1/pilots/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) })),
    onSuccess: (result) => {
      queryClient.setQueryData(pilotKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: ['pilots', 'list'] });
    },
  });
}

/** Moves a pilot to another stage; used from the board (any card) and from a pilot's page. */
export function useMovePilot() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ pilot, to, note, etag }: { pilot: Pilot; to: PilotStage; note: string | null; etag?: string | null }) =>
      unwrap(
        api.POST('/api/v1/pilots/{id}/transitions', {
          params: { path: { id: pilot.id } },
          body: note ? { to, note } : { to },
          headers: ifMatchHeader(etag ?? null, pilot.version),
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(pilotKeys.detail(result.data.id), result);
      void queryClient.invalidateQueries({ queryKey: ['pilots', 'list'] });
      void queryClient.invalidateQueries({ queryKey: pilotKeys.history(result.data.id) });
    },
  });
}
