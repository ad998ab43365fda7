import { ConnectionTable, type Column } from '../../shared/ConnectionTable.tsx';
import { formatDateTime } from '../../shared/dates.ts';
import type { Connection } from '../../shared/graph-types.ts';
import { label } from '../../shared/labels.ts';
import { MoneyText } from '../../shared/MoneyText.tsx';
import type { PaymentItem } from './operations.ts';

const COLUMNS: Column<PaymentItem>[] = [
  { header: 'Received', cell: (payment) => formatDateTime(payment.receivedAt) },
  { header: 'Method', cell: (payment) => label(payment.method) },
  { header: 'Reference', wrap: true, cell: (payment) => payment.reference ?? '—' },
  { header: 'Amount', numeric: true, cell: (payment) => <MoneyText money={payment.amount} /> },
  { header: 'Not allocated', numeric: true, cell: (payment) => <MoneyText money={payment.unallocated} /> },
];

export function PaymentsTable({ payments, load }: { payments: Connection<PaymentItem>; load: () => Promise<unknown> }) {
  return <ConnectionTable caption="Payments, newest first" columns={COLUMNS} connection={payments} noun="payments" load={load} empty="No payments yet." />;
}
