import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrap, unwrapData } from '../../api/client';
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

export function compactFilters(filters: PartnershipFilters): PartnershipFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as PartnershipFilters;
}

export function usePartnerships(filters: PartnershipFilters, pageSize = 50) {
  const api = useApi();
  const query = compactFilters(filters);
  return useInfiniteQuery({
    queryKey: [...partnershipKeys.list(query), pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(
        api.GET('/api/v1/partnerships', {
          params: { query: { ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function usePartnership(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: partnershipKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partnerships/{id}', { params: { path: { id } }, signal })),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (id?: string) => {
    void queryClient.invalidateQueries({ queryKey: ['partnerships', 'list'] });
    if (id) {
      void queryClient.invalidateQueries({ queryKey: partnershipKeys.history(id) });
      void queryClient.invalidateQueries({ queryKey: partnershipKeys.reviews(id) });
    }
  };
}

export function useCreatePartnership() {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: PartnershipBody) => unwrap(api.POST('/api/v1/partnerships', { body })),
    onSuccess: (result) => {
      queryClient.setQueryData(partnershipKeys.detail(result.data.id), result);
      invalidate();
    },
  });
}

export function useUpdatePartnership(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ body, etag, version }: { body: PartnershipBody; etag: string | null; version: number }) =>
      unwrap(api.PUT('/api/v1/partnerships/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) })),
    onSuccess: (result) => {
      queryClient.setQueryData(partnershipKeys.detail(id), result);
      invalidate(id);
    },
  });
}

export function useTransitionPartnership(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ to, note, etag, version }: { to: PartnershipStatus; note: string | null; etag: string | null; version: number }) =>
      unwrap(
        api.POST('/api/v1/partnerships/{id}/transitions', {
          params: { path: { id } },
          body: note ? { to, note } : { to },
          headers: ifMatchHeader(etag, version),
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(partnershipKeys.detail(id), result);
      invalidate(id);
    },
  });
}

export function useDeletePartnership(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ etag, version }: { etag: string | null; version: number }) =>
      unwrap(api.DELETE('/api/v1/partnerships/{id}', { params: { path: { id } }, headers: ifMatchHeader(etag, version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: partnershipKeys.detail(id) });
      invalidate();
    },
  });
}

export function useReviews(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: partnershipKeys.reviews(id),
    queryFn: ({ signal }) =>
      unwrapData(api.GET('/api/v1/partnerships/{id}/reviews', { params: { path: { id }, query: { limit: 200 } }, signal })),
  });
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
  const api = useApi();
  return useQuery({
    queryKey: partnershipKeys.history(id),
    queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/partnerships/{id}/history', { params: { path: { id } }, signal })),
  });
}

/** The CSV export with the list's filters, downloaded with the signed-in user's token. */
export function useExportPartnerships() {
  const api = useApi();
  return useMutation({
    mutationFn: async (filters: PartnershipFilters) => {
      const query = compactFilters(filters);
      const blob = await unwrapData(api.GET('/api/v1/partnerships/export.csv', { params: { query }, parseAs: 'blob', querySerializer: excelFiQuery }));
      saveFile(blob as Blob, 'kumppanuudet.csv');
    },
  });
}
