import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column of a {@link DataTable}: its header and how a row fills its cell. */
export interface Column<T> {
  /** The column's header, and the cell's label in the phone layout. */
  header: string;
  cell: (row: T) => ReactNode;
}

export interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The row's buttons, in a last column whose header only screen readers hear and whose cell needs no label. */
  rowActions?: (row: T) => ReactNode;
}

/**
 * The app's table of records. The first column names the row (`<th scope="row">`, so a row is found by it);
 * every cell carries its column's header as `data-label`, which the `responsive` phone layout shows before
 * the cell once the header row is hidden. The caption names the table for screen readers only: the page's
 * heading already says what it is.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowActions,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  return (
    <table className="data-table responsive">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col">
              {column.header}
            </th>
          ))}
          {rowActions ? (
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column, i) =>
              i === 0 ? (
                <th key={i} scope="row" data-label={column.header}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={i} data-label={column.header}>
                  {column.cell(row)}
                </td>
              ),
            )}
            {rowActions ? <td>{rowActions(row)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
