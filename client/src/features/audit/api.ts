import { useCursorPages } from '../../api/queries';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
}

export function useAudit(filters: AuditFilters) {
  return useCursorPages(['audit', filters], (api, page, signal) => api.GET('/api/v1/audit', { params: { query: { ...filters, limit: 100, ...page } }, signal }));
}
