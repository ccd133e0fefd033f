import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
}

export function useAudit(filters: AuditFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(api.GET('/api/v1/audit', { params: { query: { ...filters, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}
