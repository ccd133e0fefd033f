import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useApi } from '../app/services';
import { unwrap, unwrapData, type ApiClient, type FetchResult } from './client';

/*
 * The one way the features read and write through the API with TanStack Query. A record lives in the cache as
 * `[collection, 'detail', id]` with its ETag (for If-Match), a collection's lists under `[collection, 'list', …]`.
 */

type Call<T> = Promise<FetchResult<T>>;
/** The cursor a page asks for: none for the first page. */
type Cursor = { cursor?: string };

export const detailKey = (collection: string, id: string) => [collection, 'detail', id] as const;
export const listsKey = (collection: string) => [collection, 'list'] as const;

/** Leaves out the filters that are not set, so the query string and the cache key name only what filters. */
export function activeFilters<F extends object>(filters: F): F {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as F;
}

/** One record with its ETag. */
export function useRecord<T>(collection: string, id: string, read: (api: ApiClient, signal: AbortSignal) => Call<T>, options: { refetchInterval?: number } = {}) {
  const api = useApi();
  return useQuery({ queryKey: detailKey(collection, id), queryFn: ({ signal }) => unwrap(read(api, signal)), ...options });
}

/** Data that is no record of its own (a history, a summary): read without its ETag. */
export function useData<T>(queryKey: QueryKey, read: (api: ApiClient, signal: AbortSignal) => Call<T>, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey, enabled, queryFn: ({ signal }) => unwrapData(read(api, signal)) });
}

/** A list read a page at a time, following the server's cursor ("show more"). */
export function useCursorPages<T extends { nextCursor?: string | null }>(
  queryKey: QueryKey,
  readPage: (api: ApiClient, cursor: Cursor, signal: AbortSignal) => Call<T>,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => unwrapData(readPage(api, pageParam ? { cursor: pageParam } : {}, signal)),
    getNextPageParam: (last) => last.nextCursor ?? null,
    ...options,
  });
}

/** Every item of a list at once (a calendar month, the pilot board): follows the cursor to the end. */
export function useAllPages<I>(queryKey: QueryKey, readPage: (api: ApiClient, cursor: Cursor, signal: AbortSignal) => Call<{ items: I[]; nextCursor?: string | null }>) {
  const api = useApi();
  return useQuery({
    queryKey,
    queryFn: async ({ signal }) => {
      const items: I[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: I[]; nextCursor?: string | null } = await unwrapData(readPage(api, cursor ? { cursor } : {}, signal));
        items.push(...page.items);
        cursor = page.nextCursor ?? null;
      } while (cursor);
      return items;
    },
  });
}

/**
 * A write that answers the record (create, update, a transition): the answer, with its ETag, becomes the cached
 * record and the collection's lists refetch; `after` invalidates what else the write changed.
 */
export function useRecordWrite<T extends { id: string }, V>(collection: string, write: (api: ApiClient, variables: V) => Call<T>, after?: (record: T) => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => unwrap(write(api, variables)),
    onSuccess: (result) => {
      queryClient.setQueryData(detailKey(collection, result.data.id), result);
      void queryClient.invalidateQueries({ queryKey: listsKey(collection) });
      after?.(result.data);
    },
  });
}

/** Deletes a record: it leaves the cache and the collection's lists refetch. */
export function useRecordDelete<V>(collection: string, id: string, remove: (api: ApiClient, variables: V) => Call<unknown>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => unwrapData(remove(api, variables)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: detailKey(collection, id) });
      void queryClient.invalidateQueries({ queryKey: listsKey(collection) });
    },
  });
}
