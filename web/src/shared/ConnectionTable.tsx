import type { ReactNode } from 'react';
import type { Connection } from './graph-types.ts';
import { ShowMore } from './ShowMore.tsx';

export interface Column<Node> {
  header: string;
  cell: (node: Node) => ReactNode;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
  /** Free text that may wrap; other cells keep to one line and the table scrolls sideways instead. */
  wrap?: boolean;
}

interface ConnectionTableProps<Node extends { id: string }> {
  /** Names the table for screen readers. */
  caption: string;
  columns: Column<Node>[];
  connection: Connection<Node>;
  /** Plural word for the rows: "invoices". */
  noun: string;
  /** Fetches the page after the last row; the table grows in place. */
  load: () => Promise<unknown>;
  empty: string;
}

/** One page (or more) of a connection as a table; the first column names the row. */
export function ConnectionTable<Node extends { id: string }>({ caption, columns, connection, noun, load, empty }: ConnectionTableProps<Node>) {
  if (connection.edges.length === 0) return <p className="empty">{empty}</p>;
  const cellClass = (column: Column<Node>) => [column.numeric && 'number', column.wrap && 'wrap'].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>{columns.map((column) => <th key={column.header} scope="col" className={cellClass(column)}>{column.header}</th>)}</tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                {columns.map((column, index) => index === 0
                  ? <th key={column.header} scope="row" className={cellClass(column)}>{column.cell(node)}</th>
                  : <td key={column.header} className={cellClass(column)}>{column.cell(node)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShowMore shown={connection.edges.length} total={connection.totalCount} hasMore={connection.pageInfo.hasNextPage} load={load} noun={noun} />
    </>
  );
}
