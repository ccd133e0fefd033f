import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activeFilters, useCursorPages, useData, useRecord, useRecordWrite } from '../../api/queries';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import type { BookingBody, BookingSeriesBody, BookingStatus, SpaceBody } from '../../api/types';
import { ifMatchHeader } from '../../api/etag';

export interface BookingFilters {
  space?: string;
  member?: string;
  from?: string;
  to?: string;
  status?: BookingStatus;
}

export const spaceKeys = {
  all: ['spaces'] as const,
  availability: (id: string, from: string, to: string) => ['spaces', 'availability', id, from, to] as const,
};

export const bookingKeys = {
  all: ['bookings'] as const,
  list: (filters: BookingFilters) => ['bookings', 'list', filters] as const,
};

export function useSpaces() {
  return useCursorPages(['spaces', 'list'], (api, page, signal) => api.GET('/api/v1/spaces', { params: { query: { limit: 100, ...page } }, signal }));
}

export function useSpace(id: string) {
  return useRecord('spaces', id, (api, signal) => api.GET('/api/v1/spaces/{id}', { params: { path: { id } }, signal }));
}

/** Open and busy time of a week, never who booked: readable by anyone. */
export function useAvailability(id: string, from: string, to: string) {
  return useData(spaceKeys.availability(id, from, to), (api, signal) =>
    api.GET('/api/v1/spaces/{id}/availability', { params: { path: { id }, query: { from, to } }, signal }),
  );
}

export function useBookings(filters: BookingFilters, enabled = true) {
  const query = activeFilters(filters);
  return useCursorPages(
    [...bookingKeys.list(query)],
    (api, page, signal) => api.GET('/api/v1/bookings', { params: { query: { ...query, limit: 100, ...page } }, signal }),
    { enabled },
  );
}

/** After a booking changes, the lists and every week's availability read again. */
function useAfterBooking() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['spaces', 'availability'] });
  };
}

export function useCreateBooking() {
  const after = useAfterBooking();
  return useRecordWrite('bookings', (api, body: BookingBody) => api.POST('/api/v1/bookings', { body }), after);
}

export function useTransitionBooking() {
  const api = useApi();
  const after = useAfterBooking();
  return useMutation({
    mutationFn: ({ id, to, reason }: { id: string; to: 'confirmed' | 'denied' | 'cancelled'; reason?: string }) =>
      unwrapData(api.POST('/api/v1/bookings/{id}/transitions', { params: { path: { id } }, body: { to, ...(reason ? { reason } : {}) } })),
    onSettled: after,
  });
}

export function useCancelBooking() {
  const api = useApi();
  const after = useAfterBooking();
  return useMutation({
    mutationFn: (id: string) => unwrapData(api.DELETE('/api/v1/bookings/{id}', { params: { path: { id } } })),
    onSettled: after,
  });
}

/** A weekly or every-other-week series: the answer lists each date as created or refused with the reason. */
export function useCreateSeries() {
  const api = useApi();
  const after = useAfterBooking();
  return useMutation({
    mutationFn: (body: BookingSeriesBody) => unwrapData(api.POST('/api/v1/booking-series', { body })),
    onSettled: after,
  });
}

/** The signed address of a member's bookings calendar (staff, or the member's editor). */
export function useBookingFeed(memberId: string) {
  return useData(['bookings', 'feed', memberId], (api, signal) => api.GET('/api/v1/members/{id}/bookings-feed', { params: { path: { id: memberId } }, signal }), memberId !== '');
}

export function useCreateSpace() {
  return useRecordWrite('spaces', (api, body: SpaceBody) => api.POST('/api/v1/spaces', { body }));
}

export function useUpdateSpace(id: string) {
  return useRecordWrite('spaces', (api, { body, etag, version }: { body: SpaceBody; etag: string | null; version: number }) =>
    api.PUT('/api/v1/spaces/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) }),
  );
}
