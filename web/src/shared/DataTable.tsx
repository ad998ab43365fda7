import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
  /** Free text that may wrap; other cells keep to one line and the table scrolls sideways instead. */
  wrap?: boolean;
}

interface DataTableProps<Row> {
  /** Names the table for screen readers. */
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: string;
}

/** Rows as a table; the first column names the row (a row header for screen readers). */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty }: DataTableProps<Row>) {
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  const cellClass = (column: Column<Row>) => [column.numeric && 'number', column.wrap && 'wrap'].filter(Boolean).join(' ') || undefined;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{columns.map((column) => <th key={column.header} scope="col" className={cellClass(column)}>{column.header}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) => index === 0
                ? <th key={column.header} scope="row" className={cellClass(column)}>{column.cell(row)}</th>
                : <td key={column.header} className={cellClass(column)}>{column.cell(row)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
