import { DataTable, type Column } from './DataTable.tsx';
import type { Connection } from './connection.ts';
import { ShowMore } from './ShowMore.tsx';

export type { Column } from './DataTable.tsx';

interface ConnectionTableProps<Node> {
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

/** One page (or more) of a connection as a table, with "show more" below it. */
export function ConnectionTable<Node>({ caption, columns, connection, noun, load, empty }: ConnectionTableProps<Node>) {
  if (connection.edges.length === 0) return <p className="empty">{empty}</p>;
  const edgeColumns = columns.map((column): Column<{ node: Node }> => ({ ...column, cell: (edge) => column.cell(edge.node) }));
  return (
    <>
      <DataTable caption={caption} columns={edgeColumns} rows={connection.edges} rowKey={(edge) => edge.cursor} empty={empty} />
      <ShowMore shown={connection.edges.length} total={connection.totalCount} hasMore={connection.pageInfo.hasNextPage} load={load} noun={noun} />
    </>
  );
}
