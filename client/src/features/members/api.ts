import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activeFilters, useCursorPages, useData, useRecord, useRecordDelete, useRecordWrite } from '../../api/queries';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
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

export function useMembers(filters: MemberFilters) {
  const query = activeFilters(filters);
  return useCursorPages(memberKeys.list(query), (api, page, signal) =>
    api.GET('/api/v1/members', { params: { query: { ...query, limit: PAGE_SIZE, ...page } }, signal }),
  );
}

export function useMember(id: string) {
  return useRecord('members', id, (api, signal) => api.GET('/api/v1/members/{id}', { params: { path: { id } }, signal }));
}

export function useCreateMember() {
  return useRecordWrite('members', (api, body: MemberBody) => api.POST('/api/v1/members', { body }));
}

export function useUpdateMember(id: string) {
  return useRecordWrite('members', (api, { body, etag, version }: { body: MemberBody; etag: string | null; version: Member['version'] }) =>
    api.PUT('/api/v1/members/{id}', { params: { path: { id } }, body, headers: ifMatchHeader(etag, version) }),
  );
}

export function useDeleteMember(id: string) {
  return useRecordDelete('members', id, (api, { etag, version }: { etag: string | null; version: Member['version'] }) =>
    api.DELETE('/api/v1/members/{id}', { params: { path: { id } }, headers: ifMatchHeader(etag, version) }),
  );
}

export function useContacts(memberId: string, enabled: boolean) {
  return useData(memberKeys.contacts(memberId), (api, signal) => api.GET('/api/v1/members/{id}/contacts', { params: { path: { id: memberId } }, signal }), enabled);
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
