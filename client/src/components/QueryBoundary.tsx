import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
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
