import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCursorPages } from '../../api/queries';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { ifMatchHeader } from '../../api/etag';
import type { User, UserBody } from '../../api/types';

export const userKeys = {
  all: ['users'] as const,
};

export function useUsers() {
  return useCursorPages(userKeys.all, (api, page, signal) => api.GET('/api/v1/users', { params: { query: { limit: 100, ...page } }, signal }));
}

export function useCreateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserBody) => unwrapData(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, body }: { user: User; body: UserBody }) =>
      unwrapData(api.PUT('/api/v1/users/{id}', { params: { path: { id: user.id } }, body, headers: ifMatchHeader(null, user.version) })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: User) =>
      unwrapData(api.DELETE('/api/v1/users/{id}', { params: { path: { id: user.id } }, headers: ifMatchHeader(null, user.version) })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
