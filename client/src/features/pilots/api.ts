import { useQueryClient } from '@tanstack/react-query';
import { activeFilters, useAllPages, useData, useRecord, useRecordWrite } from '../../api/queries';
import { ifMatchHeader } from '../../api/etag';
import type { Pilot, PilotBody, PilotStage } from '../../api/types';

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
  const query = activeFilters(filters);
  return useAllPages(pilotKeys.list(query), (api, page, signal) => api.GET('/api/v1/pilots', { params: { query: { ...query, limit: 200, ...page } }, signal }));
}

export function usePilot(id: string) {
  return useRecord('pilots', id, (api, signal) => api.GET('/api/v1/pilots/{id}', { params: { path: { id } }, signal }));
}

export function usePilotHistory(id: string) {
  return useData(pilotKeys.history(id), (api, signal) => api.GET('/api/v1/pilots/{id}/history', { params: { path: { id } }, signal }));
}

export function useCreatePilot() {
  return useRecordWrite('pilots', (api, body: PilotBody) => api.POST('/api/v1/pilots', { body }));
}

export function useUpdatePilot(id: string) {
  return useRecordWrite('pilots', (api, { body, etag, version }: { body: PilotBody; etag: string | null; version: number }) =>
    api.PUT('/api/v1/pilots/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) }),
  );
}

/** Moves a pilot to another stage; used from the board (any card) and from a pilot's page. */
export function useMovePilot() {
  const queryClient = useQueryClient();
  return useRecordWrite(
    'pilots',
    (api, { pilot, to, note, etag }: { pilot: Pilot; to: PilotStage; note: string | null; etag?: string | null }) =>
      api.POST('/api/v1/pilots/{id}/transitions', {
        params: { path: { id: pilot.id } },
        body: note ? { to, note } : { to },
        headers: ifMatchHeader(etag ?? null, pilot.version),
      }),
    (moved) => void queryClient.invalidateQueries({ queryKey: pilotKeys.history(moved.id) }),
  );
}
