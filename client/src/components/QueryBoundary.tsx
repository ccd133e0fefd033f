import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { WithEtag } from '../api/client';
import { ApiError } from '../api/problem';
import { NotFoundPage } from '../app/NotFoundPage';
import { ApiErrorMessage } from './ApiErrorMessage';
import { Loading } from './Loading';
import { PageTitle } from './PageTitle';

/**
 * The guard every record page needs before it can show its record: a spinner while loading, the
 * not-found page for a 404, and any other failure under the page's title; the record once it is there.
 */
export function QueryBoundary<T>({ query, title, children }: { query: UseQueryResult<T>; title: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <ApiErrorMessage error={query.error} />
      </>
    );
  }
  return <>{children(query.data)}</>;
}

/** A record page: reads the record its route's `:id` names, with its ETag, and shows it once it is there. */
export function RecordRoute<R>({
  useRecord,
  title,
  children,
}: {
  useRecord: (id: string) => UseQueryResult<WithEtag<R>>;
  /** The page's title while the record cannot be shown. */
  title: string;
  children: (record: R, etag: string | null, reload: () => Promise<unknown>) => ReactNode;
}) {
  const { id = '' } = useParams();
  const query = useRecord(id);
  return (
    <QueryBoundary query={query} title={title}>
      {({ data, etag }) => children(data, etag, () => query.refetch())}
    </QueryBoundary>
  );
}
