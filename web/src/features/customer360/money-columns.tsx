import type {
  ArrangementFieldsFragment, ContractFieldsFragment, InvoiceFieldsFragment, PaymentFieldsFragment, PaymentMethodFieldsFragment, QuoteFieldsFragment,
  ReminderFieldsFragment, SubscriptionFieldsFragment, VoucherFieldsFragment,
} from '../../generated/graphql.ts';
import type { Column } from '../../shared/DataTable.tsx';
import { formatDate, formatDateTime } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { StatusBadge } from '../../shared/StatusBadge.tsx';

/** The columns of billing's lists on the 360 page. */

export const INVOICE_COLUMNS: Column<InvoiceFieldsFragment>[] = [
  { header: 'Invoice', cell: (invoice) => invoice.number ?? 'Draft' },
  { header: 'Issued', cell: (invoice) => formatDateTime(invoice.issuedAt) },
  { header: 'Due', cell: (invoice) => formatDate(invoice.dueDate) },
  { header: 'Status', cell: (invoice) => <StatusBadge value={invoice.status} /> },
  { header: 'Total', numeric: true, cell: (invoice) => <MoneyText money={invoice.total} /> },
  { header: 'Outstanding', numeric: true, cell: (invoice) => <MoneyText money={invoice.outstanding} /> },
];

export const PAYMENT_COLUMNS: Column<PaymentFieldsFragment>[] = [
  { header: 'Received', cell: (payment) => formatDateTime(payment.receivedAt) },
  { header: 'Method', cell: (payment) => label(payment.method) },
  { header: 'Reference', wrap: true, cell: (payment) => payment.reference ?? '—' },
  { header: 'Amount', numeric: true, cell: (payment) => <MoneyText money={payment.amount} /> },
  { header: 'Not allocated', numeric: true, cell: (payment) => <MoneyText money={payment.unallocated} /> },
];

export const QUOTE_COLUMNS: Column<QuoteFieldsFragment>[] = [
  { header: 'Quote', cell: (quote) => quote.number },
  { header: 'Quoted', cell: (quote) => formatDate(quote.quotedOn) },
  { header: 'Valid until', cell: (quote) => formatDate(quote.validUntil) },
  { header: 'Status', cell: (quote) => <StatusBadge value={quote.status} /> },
  { header: 'One-time', numeric: true, cell: (quote) => <MoneyText money={quote.oneTime.total} /> },
  { header: 'Monthly', numeric: true, cell: (quote) => <MoneyText money={quote.monthly.total} /> },
];

export const CONTRACT_COLUMNS: Column<ContractFieldsFragment>[] = [
  { header: 'Contract', cell: (contract) => contract.number },
  { header: 'Type', cell: (contract) => label(contract.type) },
  { header: 'Status', cell: (contract) => <StatusBadge value={contract.status} /> },
  { header: 'From', cell: (contract) => formatDate(contract.startDate) },
  { header: 'To', cell: (contract) => (contract.endDate ? formatDate(contract.endDate) : 'Open-ended') },
  { header: 'Billed', cell: (contract) => label(contract.periodicity) + (contract.autoRenew ? ', renews' : '') },
  { header: 'Amount', numeric: true, cell: (contract) => <MoneyText money={contract.amount} /> },
];

export const SUBSCRIPTION_COLUMNS: Column<SubscriptionFieldsFragment>[] = [
  { header: 'Service', wrap: true, cell: (subscription) => subscription.description + (subscription.quantity === '1' ? '' : ` × ${subscription.quantity}`) },
  { header: 'Status', cell: (subscription) => <StatusBadge value={subscription.status} /> },
  { header: 'Billed', cell: (subscription) => label(subscription.frequency) },
  { header: 'Since', cell: (subscription) => formatDate(subscription.startDate) },
  { header: 'Next bill', cell: (subscription) => (subscription.nextBillingDate ? formatDate(subscription.nextBillingDate) : '—') },
  { header: 'Amount', numeric: true, cell: (subscription) => <MoneyText money={subscription.amount} /> },
];

export const ARRANGEMENT_COLUMNS: Column<ArrangementFieldsFragment>[] = [
  { header: 'Agreed', cell: (arrangement) => formatDate(arrangement.agreedOn) },
  { header: 'Status', cell: (arrangement) => <StatusBadge value={arrangement.status} /> },
  { header: 'Due', cell: (arrangement) => formatDate(arrangement.dueDate) },
  { header: 'Cutoff', cell: (arrangement) => formatDate(arrangement.cutoffDate) },
  { header: 'Method', cell: (arrangement) => (arrangement.method ? label(arrangement.method) : '—') },
  { header: 'Note', wrap: true, cell: (arrangement) => arrangement.staffNote ?? '' },
  { header: 'Amount', numeric: true, cell: (arrangement) => <MoneyText money={arrangement.amount} /> },
];

export const REMINDER_COLUMNS: Column<ReminderFieldsFragment>[] = [
  { header: 'Scheduled', cell: (reminder) => formatDate(reminder.scheduledOn) },
  { header: 'Subject', wrap: true, cell: (reminder) => reminder.subject },
  { header: 'Kind', cell: (reminder) => `${label(reminder.kind)}, level ${reminder.level}` },
  { header: 'Channel', cell: (reminder) => label(reminder.channel) },
  { header: 'Status', cell: (reminder) => <StatusBadge value={reminder.status} /> },
  { header: 'Penalty', numeric: true, cell: (reminder) => <MoneyText money={reminder.penalty} /> },
];

export const VOUCHER_COLUMNS: Column<VoucherFieldsFragment>[] = [
  { header: 'Code', cell: (voucher) => <span className="mono">{voucher.code}</span> },
  { header: 'Discount', cell: (voucher) => (voucher.amount ? <MoneyText money={voucher.amount} /> : `${voucher.percent ?? '?'} %`) },
  { header: 'State', cell: (voucher) => <StatusBadge value={voucher.state} /> },
  { header: 'Valid until', cell: (voucher) => (voucher.validUntil ? formatDate(voucher.validUntil) : '—') },
  { header: 'Description', wrap: true, cell: (voucher) => voucher.description ?? '' },
];

export const PAYMENT_METHOD_COLUMNS: Column<PaymentMethodFieldsFragment>[] = [
  { header: 'Method', cell: (method) => method.label },
  { header: 'Kind', cell: (method) => label(method.kind) },
  { header: 'Expires', cell: (method) => method.expiry ?? '—' },
  {
    header: 'Auto-pay',
    cell: (method) => (method.autoPay
      ? <>Yes{method.autoPayLimit && <>, up to <MoneyText money={method.autoPayLimit} /></>}</>
      : 'No'),
  },
];
