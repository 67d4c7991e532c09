/**
 * A table of records: a caption (visible or for screen readers only), column
 * headers with scope, the first cell of each row as its row header, an empty
 * state when there are no rows, and an optional last column of row actions.
 * It scrolls sideways inside its own box on a narrow screen.
 */
import type { HTMLAttributes, ReactNode } from 'react';

export interface Column<T> {
  /** The column's header (also what its cells are announced with). */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
}

export function DataTable<T>({
  caption, captionHidden = true, columns, rows, rowKey, rowProps, empty, actions, actionsHeader, className,
}: {
  caption: ReactNode;
  /** The caption is read by screen readers only (a visible heading already names the table). */
  captionHidden?: boolean;
  /** The first column is the rows' header (th scope=row). */
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Extra attributes of a row (a data- attribute that tests or styles find it by). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** The row's actions (buttons, links), in a last column headed `actionsHeader`. */
  actions?: (row: T) => ReactNode;
  actionsHeader?: ReactNode;
  className?: string;
}) {
  if (rows.length === 0) return <>{empty}</>;
  const [first, ...rest] = columns;
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => <th key={i} scope="col" className={column.className}>{column.header}</th>)}
            {actions && <th scope="col">{actionsHeader}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              <th scope="row" className={first.className}>{first.cell(row)}</th>
              {rest.map((column, i) => <td key={i} className={column.className}>{column.cell(row)}</td>)}
              {actions && <td>{actions(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
