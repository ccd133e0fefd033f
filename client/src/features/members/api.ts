import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrap, unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import type { Contact, ContactBody, Member, MemberBody } from '../../api/types';

export interface MemberFilters {
  q?: string;
  kind?: string;
  sector?: string;
  municipality?: string;
  status?: string;
}

export const PAGE_SIZE = 50;

export const memberKeys = {
  all: ['members'] as const,
  list: (filters: MemberFilters) => ['members', 'list', filters] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  contacts: (id: string) => ['members', 'contacts', id] as const,
};

function compact(filters: MemberFilters): MemberFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as MemberFilters;
}

export function useMembers(filters: MemberFilters) {
  const api = useApi();
  const query = compact(filters);
  return useInfiniteQuery({
    queryKey: memberKeys.list(query),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(
        api.GET('/api/v1/members', {
          params: { query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useMember(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: memberKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/members/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateMember() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberBody) => unwrap(api.POST('/api/v1/members', { body })),
    onSuccess: (result) => {
      queryClient.setQueryData(memberKeys.detail(result.data.id), result);
      void queryClient.invalidateQueries({ queryKey: ['members', 'list'] });
    },
  });
}

export function useUpdateMember(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag, version }: { body: MemberBody; etag: string | null; version: Member['version'] }) =>
      unwrap(
        api.PUT('/api/v1/members/{id}', {
          params: { path: { id } },
          body,
          headers: ifMatchHeader(etag, version),
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(memberKeys.detail(id), result);
      void queryClient.invalidateQueries({ queryKey: ['members', 'list'] });
    },
  });
}

export function useDeleteMember(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, version }: { etag: string | null; version: Member['version'] }) =>
      unwrap(api.DELETE('/api/v1/members/{id}', { params: { path: { id } }, headers: ifMatchHeader(etag, version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: memberKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['members', 'list'] });
    },
  });
}

export function useContacts(memberId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: memberKeys.contacts(memberId),
    enabled,
    queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/members/{id}/contacts', { params: { path: { id: memberId } }, signal })),
  });
}

export function useSaveContact(memberId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, body }: { contact: Contact | null; body: ContactBody }) =>
      contact
        ? unwrapData(
            api.PUT('/api/v1/members/{id}/contacts/{contactId}', {
              params: { path: { id: memberId, contactId: contact.id } },
              body,
              headers: ifMatchHeader(null, contact.version),
            }),
          )
        : unwrapData(api.POST('/api/v1/members/{id}/contacts', { params: { path: { id: memberId } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.contacts(memberId) }),
  });
}

export function useDeleteContact(memberId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contact: Contact) =>
      unwrapData(
        api.DELETE('/api/v1/members/{id}/contacts/{contactId}', {
          params: { path: { id: memberId, contactId: contact.id } },
          headers: ifMatchHeader(null, contact.version),
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.contacts(memberId) }),
  });
}
