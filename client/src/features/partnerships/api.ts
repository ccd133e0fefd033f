import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activeFilters, useCursorPages, useData, useRecord, useRecordDelete, useRecordWrite } from '../../api/queries';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import { excelFiQuery, saveFile } from '../../api/csv';
import type { PartnershipBody, PartnershipReviewBody, PartnershipStatus } from '../../api/types';

export interface PartnershipFilters {
  q?: string;
  status?: string;
  serviceArea?: string;
  municipality?: string;
  reviewDue?: boolean;
}

export const partnershipKeys = {
  list: (filters: PartnershipFilters) => ['partnerships', 'list', filters] as const,
  detail: (id: string) => ['partnerships', 'detail', id] as const,
  reviews: (id: string) => ['partnerships', 'reviews', id] as const,
  history: (id: string) => ['partnerships', 'history', id] as const,
};

export function usePartnerships(filters: PartnershipFilters, pageSize = 50) {
  const query = activeFilters(filters);
  return useCursorPages([...partnershipKeys.list(query), pageSize], (api, page, signal) =>
    api.GET('/api/v1/partnerships', { params: { query: { ...query, limit: pageSize, ...page } }, signal }),
  );
}

export function usePartnership(id: string) {
  return useRecord('partnerships', id, (api, signal) => api.GET('/api/v1/partnerships/{id}', { params: { path: { id } }, signal }));
}

/** A write to a partnership changes its history and its reviews' due dates too. */
function useRefetchHistory() {
  const queryClient = useQueryClient();
  return (partnership: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: partnershipKeys.history(partnership.id) });
    void queryClient.invalidateQueries({ queryKey: partnershipKeys.reviews(partnership.id) });
  };
}

export function useCreatePartnership() {
  return useRecordWrite('partnerships', (api, body: PartnershipBody) => api.POST('/api/v1/partnerships', { body }));
}

export function useUpdatePartnership(id: string) {
  return useRecordWrite(
    'partnerships',
    (api, { body, etag, version }: { body: PartnershipBody; etag: string | null; version: number }) =>
      api.PUT('/api/v1/partnerships/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) }),
    useRefetchHistory(),
  );
}

export function useTransitionPartnership(id: string) {
  return useRecordWrite(
    'partnerships',
    (api, { to, note, etag, version }: { to: PartnershipStatus; note: string | null; etag: string | null; version: number }) =>
      api.POST('/api/v1/partnerships/{id}/transitions', { params: { path: { id } }, body: note ? { to, note } : { to }, headers: ifMatchHeader(etag, version) }),
    useRefetchHistory(),
  );
}

export function useDeletePartnership(id: string) {
  return useRecordDelete('partnerships', id, (api, { etag, version }: { etag: string | null; version: number }) =>
    api.DELETE('/api/v1/partnerships/{id}', { params: { path: { id } }, headers: ifMatchHeader(etag, version) }),
  );
}

export function useReviews(id: string) {
  return useData(partnershipKeys.reviews(id), (api, signal) => api.GET('/api/v1/partnerships/{id}/reviews', { params: { path: { id }, query: { limit: 200 } }, signal }));
}

export function useCreateReview(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnershipReviewBody) =>
      unwrapData(api.POST('/api/v1/partnerships/{id}/reviews', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partnershipKeys.reviews(id) });
      // A review moves the next due date.
      void queryClient.invalidateQueries({ queryKey: partnershipKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['partnerships', 'list'] });
    },
  });
}

export function useHistory(id: string) {
  return useData(partnershipKeys.history(id), (api, signal) => api.GET('/api/v1/partnerships/{id}/history', { params: { path: { id } }, signal }));
}

/** The CSV export with the list's filters, downloaded with the signed-in user's token. */
export function useExportPartnerships() {
  const api = useApi();
  return useMutation({
    mutationFn: async (filters: PartnershipFilters) => {
      const query = activeFilters(filters);
      const blob = await unwrapData(api.GET('/api/v1/partnerships/export.csv', { params: { query }, parseAs: 'blob', querySerializer: excelFiQuery }));
      saveFile(blob as Blob, 'kumppanuudet.csv');
    },
  });
}
