import { ConnectionTable, type Column } from '../../shared/ConnectionTable.tsx';
import { formatDate, formatDateTime } from '../../shared/dates.ts';
import type { Connection } from '../../shared/graph-types.ts';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import type { InvoiceItem } from './operations.ts';

const COLUMNS: Column<InvoiceItem>[] = [
  { header: 'Invoice', cell: (invoice) => invoice.number },
  { header: 'Issued', cell: (invoice) => formatDateTime(invoice.issuedAt) },
  { header: 'Due', cell: (invoice) => formatDate(invoice.dueDate) },
  { header: 'Status', cell: (invoice) => <StatusBadge value={invoice.status} /> },
  { header: 'Total', numeric: true, cell: (invoice) => <MoneyText money={invoice.total} /> },
  { header: 'Outstanding', numeric: true, cell: (invoice) => <MoneyText money={invoice.outstanding} /> },
];

export function InvoicesTable({ invoices, load }: { invoices: Connection<InvoiceItem>; load: () => Promise<unknown> }) {
  return <ConnectionTable caption="Invoices, newest first" columns={COLUMNS} connection={invoices} noun="invoices" load={load} empty="No invoices yet." />;
}
