import type { ReactNode } from 'react';
import { ApiErrorMessage } from './ApiErrorMessage';
import { DataTable, type DataTableProps } from './DataTable';
import { Loading } from './Loading';

/**
 * A list's answer where the page shows it: a spinner while it loads, the failure, the text for no rows (when the
 * list has one), or the rows. QueryBoundary does the same for a whole record page.
 */
export function QueryList<T>({
  query,
  count,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T | undefined };
  /** How many rows there are, for `empty`. */
  count?: number;
  empty?: ReactNode;
  /** The rows, given the answer (there once the query succeeded). */
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ApiErrorMessage error={query.error} />;
  if (count === 0 && empty !== undefined) return <>{empty}</>;
  return <>{children(query.data as T)}</>;
}

/** A QueryList whose rows are one DataTable: a list's table with its loading, failure and no-rows states. */
export function QueryTable<T>({ query, empty, ...table }: { query: { isPending: boolean; isError: boolean; error: unknown }; empty?: ReactNode } & DataTableProps<T>) {
  return (
    <QueryList query={query} count={table.rows.length} empty={empty}>
      {() => <DataTable {...table} />}
    </QueryList>
  );
}
