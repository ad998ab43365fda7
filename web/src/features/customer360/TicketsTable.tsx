import { ConnectionTable, type Column } from '../../shared/ConnectionTable.tsx';
import { formatDateTime } from '../../shared/dates.ts';
import type { Connection } from '../../shared/graph-types.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import type { TicketItem } from './operations.ts';

const COLUMNS: Column<TicketItem>[] = [
  { header: 'Ticket', cell: (ticket) => ticket.number },
  { header: 'Subject', wrap: true, cell: (ticket) => ticket.subject },
  { header: 'Status', cell: (ticket) => <StatusBadge value={ticket.status} /> },
  { header: 'Priority', cell: (ticket) => <StatusBadge value={ticket.priority} /> },
  { header: 'Opened', cell: (ticket) => formatDateTime(ticket.createdAt) },
  { header: 'Last change', cell: (ticket) => formatDateTime(ticket.updatedAt) },
];

export function TicketsTable({ tickets, load, caption }: { tickets: Connection<TicketItem>; load: () => Promise<unknown>; caption: string }) {
  return <ConnectionTable caption={caption} columns={COLUMNS} connection={tickets} noun="tickets" load={load} empty="No tickets." />;
}
