import { ConnectionTable, type Column } from '../../shared/ConnectionTable.tsx';
import type { Connection } from '../../shared/connection.ts';
import { Section } from '../../shared/Section.tsx';

interface ListSectionProps<Node> {
  title: string;
  /** What the table is, for screen readers: "Invoices, newest first". */
  caption: string;
  columns: Column<Node>[];
  /** Null while its subgraph failed: the section says `unavailable` instead. */
  connection: Connection<Node> | null;
  noun: string;
  load: () => Promise<unknown>;
  empty: string;
  level?: 2 | 3;
  collapsed?: boolean;
  unavailable?: string | undefined;
}

/** A foldable part of the page showing one list that grows in place; its count stays visible when folded. */
export function ListSection<Node>({ title, caption, columns, connection, noun, load, empty, level = 3, collapsed, unavailable }: ListSectionProps<Node>) {
  return (
    <Section title={title} level={level} collapsed={collapsed} summary={connection?.totalCount} unavailable={unavailable}>
      {connection && <ConnectionTable caption={caption} columns={columns} connection={connection} noun={noun} load={load} empty={empty} />}
    </Section>
  );
}
