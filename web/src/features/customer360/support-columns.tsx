import type { TicketFieldsFragment, WorkOrderFieldsFragment } from '../../generated/graphql.ts';
import type { Column } from '../../shared/DataTable.tsx';
import { formatDateTime } from '../../shared/dates.ts';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { formatHours, workOrderHours } from './hours.ts';

/** The columns of support's lists on the 360 page. */

export const TICKET_COLUMNS: Column<TicketFieldsFragment>[] = [
  { header: 'Ticket', cell: (ticket) => ticket.number },
  { header: 'Subject', wrap: true, cell: (ticket) => ticket.subject },
  { header: 'Status', cell: (ticket) => <StatusBadge value={ticket.status} /> },
  { header: 'Priority', cell: (ticket) => <StatusBadge value={ticket.priority} /> },
  { header: 'Opened', cell: (ticket) => formatDateTime(ticket.createdAt) },
  { header: 'Last change', cell: (ticket) => formatDateTime(ticket.updatedAt) },
];

export const WORK_ORDER_COLUMNS: Column<WorkOrderFieldsFragment>[] = [
  { header: 'Started', cell: (order) => formatDateTime(order.startedAt) },
  { header: 'Status', cell: (order) => <StatusBadge value={order.status} /> },
  { header: 'Ticket', cell: (order) => order.ticket?.number ?? '—' },
  { header: 'Technicians', wrap: true, cell: (order) => order.visits.map((visit) => visit.technician.name).join(', ') },
  { header: 'Hours', numeric: true, cell: (order) => formatHours(workOrderHours(order)) },
  { header: 'Billable', cell: (order) => (order.billable ? 'Yes' : 'No') },
  { header: 'Total', numeric: true, cell: (order) => <MoneyText money={order.total} /> },
];
