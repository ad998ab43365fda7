import {
  RequestScopedService, type RequestScope, amount, badInput, money, newId, pageRequest, recordEvents, requireUuid, sum, uuidArray,
  type Amount, type Connection, type DomainEvent, type EntityManager, type MoneyValue, type PageArgs,
} from '@c360/kit';
import { Payment, type PaymentMethod } from './payment.entity.ts';
import type { PaymentLoaders } from './payment.loader.ts';
import { OPEN_INVOICE_STATUSES, type InvoiceStatus } from '../invoice/invoice.entity.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';
import { parseMoney, sqlList } from '../shared/values.ts';

export interface RecordPaymentInput {
  customerId: string;
  amount: string;
  method: PaymentMethod;
  reference?: string | null;
  invoiceIds?: string[] | null;
}

export interface PaymentAllocationView {
  invoiceId: string;
  amount: MoneyValue;
}

/** An invoice locked for allocation. */
export type LockedInvoice = {
  id: string;
  status: InvoiceStatus;
  currency: string;
  total: string;
  paid_amount: string;
};

export interface Allocation {
  invoiceId: string;
  amount: Amount;
}

const MAX_INVOICE_IDS = 100;
const MAX_REFERENCE_LENGTH = 200;
const OPEN = new Set<string>(OPEN_INVOICE_STATUSES);
const OPEN_SQL = sqlList(OPEN_INVOICE_STATUSES);

export class PaymentService extends RequestScopedService<PaymentLoaders> {
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: RequestScope<PaymentLoaders> & { taxProfiles: TaxProfiles }) {
    super(deps);
    this.taxProfiles = deps.taxProfiles;
  }

  get(id: string): Promise<Payment | null> {
    return this.loaders.paymentById.load(requireUuid(id, 'id'));
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Payment>> {
    return this.loaders.customerPayments.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  async allocations(payment: Payment): Promise<PaymentAllocationView[]> {
    const rows = await this.loaders.paymentAllocations.load(payment.id);
    return rows.map((row) => ({ invoiceId: row.invoice_id, amount: money(row.amount, payment.currency) }));
  }

  /** Records money received from a customer (see `insertPayment`). */
  async record(input: RecordPaymentInput): Promise<{ payment: Payment }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const received = parseMoney(input.amount, 'input.amount');
    const reference = input.reference?.trim() || null;
    if (reference && reference.length > MAX_REFERENCE_LENGTH) throw badInput('input.reference', `must be at most ${MAX_REFERENCE_LENGTH} characters`);
    const invoiceIds = input.invoiceIds == null ? null : validateInvoiceIds(input.invoiceIds);
    const { currency } = await this.taxProfiles.get();
    const payment = await this.em.transactional((tx) =>
      insertPayment(tx, this.tenantId, { customerId, amount: received, currency, method: input.method, reference, invoiceIds }));
    return { payment };
  }
}

export interface NewPayment {
  customerId: string;
  amount: Amount;
  currency: string;
  method: PaymentMethod;
  reference: string | null;
  /** The invoices to pay (already validated ids), or null for the customer's open invoices. */
  invoiceIds: string[] | null;
}

/**
 * Records a payment and allocates it oldest invoice first, in the caller's
 * transaction. The invoices are locked (`FOR UPDATE`, in allocation order so
 * that concurrent payments queue instead of deadlocking) before their
 * outstanding amounts are read, so two payments can never both allocate the
 * same outstanding money. The payment, its allocations, the invoices' new paid
 * amounts and statuses and the `payment.received` event commit together.
 */
export async function insertPayment(tx: EntityManager, tenantId: string, values: NewPayment): Promise<Payment> {
  const { customerId, currency, invoiceIds } = values;
  const invoices = await lockInvoices(tx, tenantId, customerId, currency, invoiceIds);
  if (invoiceIds) checkRequestedInvoices(invoiceIds, invoices, currency);
  const allocations = allocate(values.amount, invoices);
  const allocated = sum(allocations.map((allocation) => allocation.amount));
  const rows = allocations.map((allocation) => ({ invoice_id: allocation.invoiceId, amount: allocation.amount.toFixed(2) }));
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `WITH payment AS (
       INSERT INTO billing.payment (id, tenant_id, customer_id, amount, currency, method, reference, received_at, allocated_amount)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING *
     ), allocations AS (
       INSERT INTO billing.payment_allocation (payment_id, invoice_id, tenant_id, amount)
       SELECT payment.id, r.invoice_id, payment.tenant_id, r.amount
       FROM payment, jsonb_to_recordset(?::jsonb) AS r(invoice_id uuid, amount numeric)
     ), invoices AS (
       UPDATE billing.invoice i
       SET paid_amount = i.paid_amount + r.amount,
           status = CASE WHEN i.paid_amount + r.amount >= i.total THEN 'PAID'
                         WHEN i.status = 'OVERDUE' THEN 'OVERDUE'
                         ELSE 'PARTIALLY_PAID' END,
           updated_at = now(),
           version = i.version + 1
       FROM jsonb_to_recordset(?::jsonb) AS r(invoice_id uuid, amount numeric)
       WHERE i.tenant_id = ? AND i.id = r.invoice_id
     )
     SELECT * FROM payment`,
    [
      newId(), tenantId, customerId, values.amount.toFixed(2), currency, values.method, values.reference, new Date(), allocated.toFixed(2),
      JSON.stringify(rows), JSON.stringify(rows), tenantId,
    ],
  );
  const payment = tx.map(Payment, row!);
  const overdue = await overdueAfter(tx, tenantId, customerId, invoices, allocations);
  await recordEvents(tx, 'billing', tenantId, [paymentReceivedEvent(payment, overdue)]);
  return payment;
}

/** `payment.received`, with what the customer still owes on OVERDUE invoices after it (the demo data records it too, for its past). */
export function paymentReceivedEvent(payment: Payment, overdue: { overdueBalance: string; overdueCleared: boolean }): DomainEvent {
  return {
    type: 'payment.received',
    subject: payment.id,
    data: { customerId: payment.customerId, paymentId: payment.id, amount: payment.amount, currency: payment.currency, ...overdue },
  };
}

/**
 * What the customer still owes on OVERDUE invoices after the payment, and
 * whether the payment cleared it (it paid overdue money and none is left):
 * the event says so, for the rule that reactivates a customer suspended for
 * non-payment (customers subgraph).
 */
async function overdueAfter(tx: EntityManager, tenantId: string, customerId: string, invoices: LockedInvoice[], allocations: Allocation[]) {
  const [row] = await tx.execute<{ outstanding: string }[]>(
    `SELECT coalesce(sum(total - paid_amount), 0)::text AS outstanding FROM billing.invoice WHERE tenant_id = ? AND customer_id = ? AND status = 'OVERDUE'`,
    [tenantId, customerId]);
  const overdueIds = new Set(invoices.filter((invoice) => invoice.status === 'OVERDUE').map((invoice) => invoice.id));
  const paidOverdue = allocations.some((allocation) => overdueIds.has(allocation.invoiceId));
  const overdueBalance = amount(row?.outstanding ?? 0);
  return { overdueBalance: overdueBalance.toFixed(2), overdueCleared: paidOverdue && overdueBalance.isZero() };
}

/**
 * Oldest first, each invoice up to its outstanding amount; what remains is the
 * customer's credit. Invoices that are not open (already PAID) get nothing.
 */
export function allocate(received: Amount, invoices: LockedInvoice[]): Allocation[] {
  const allocations: Allocation[] = [];
  let remaining = received;
  for (const invoice of invoices) {
    if (remaining.isZero()) break;
    if (!OPEN.has(invoice.status)) continue;
    const outstanding = amount(invoice.total).minus(invoice.paid_amount);
    if (outstanding.lessThanOrEqualTo(0)) continue;
    const share = outstanding.lessThan(remaining) ? outstanding : remaining;
    allocations.push({ invoiceId: invoice.id, amount: share });
    remaining = remaining.minus(share);
  }
  return allocations;
}

/**
 * Locks the invoices to pay, oldest first. Rows another payment changed while
 * we waited are read in their new state (and dropped if no longer open).
 */
function lockInvoices(tx: EntityManager, tenantId: string, customerId: string, currency: string, invoiceIds: string[] | null): Promise<LockedInvoice[]> {
  if (invoiceIds) {
    return tx.execute<LockedInvoice[]>(
      `SELECT id, status, currency, total, paid_amount FROM billing.invoice
       WHERE tenant_id = ? AND customer_id = ? AND id = ANY(?::uuid[])
       ORDER BY issued_at, id FOR UPDATE`,
      [tenantId, customerId, uuidArray(invoiceIds)],
    );
  }
  return tx.execute<LockedInvoice[]>(
    `SELECT id, status, currency, total, paid_amount FROM billing.invoice
     WHERE tenant_id = ? AND customer_id = ? AND status IN (${OPEN_SQL}) AND currency = ?
     ORDER BY issued_at, id FOR UPDATE`,
    [tenantId, customerId, currency],
  );
}

function checkRequestedInvoices(invoiceIds: string[], invoices: LockedInvoice[], currency: string): void {
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  invoiceIds.forEach((id, index) => {
    const field = `input.invoiceIds[${index}]`;
    const invoice = byId.get(id);
    if (!invoice) throw badInput(field, `"${id}" is not an invoice of this customer`);
    if (invoice.status === 'DRAFT' || invoice.status === 'VOID') throw badInput(field, `invoice is ${invoice.status} and cannot be paid`);
    if (invoice.currency !== currency) throw badInput(field, `invoice is in ${invoice.currency}, the payment in ${currency}`);
  });
}

function validateInvoiceIds(invoiceIds: string[]): string[] {
  if (invoiceIds.length === 0) throw badInput('input.invoiceIds', 'must name at least one invoice, or be omitted to pay the oldest outstanding invoices');
  if (invoiceIds.length > MAX_INVOICE_IDS) throw badInput('input.invoiceIds', `must name at most ${MAX_INVOICE_IDS} invoices`);
  const seen = new Set<string>();
  return invoiceIds.map((raw, index) => {
    // PostgreSQL returns ids in lower case; compare them that way.
    const id = requireUuid(raw, `input.invoiceIds[${index}]`).toLowerCase();
    if (seen.has(id)) throw badInput(`input.invoiceIds[${index}]`, 'is listed twice');
    seen.add(id);
    return id;
  });
}
