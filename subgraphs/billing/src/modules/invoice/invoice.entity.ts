import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { amount, tenantFilter, type Amount } from '@c360/kit';

export const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Invoices that still owe money; PAID owes nothing, DRAFT and VOID are not owed. */
export const OPEN_INVOICE_STATUSES = ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'] as const satisfies readonly InvoiceStatus[];

/**
 * The changes people make to an invoice (payments and the overdue job move it
 * between ISSUED, PARTIALLY_PAID, PAID and OVERDUE). An invoice with money paid
 * on it cannot be voided: it needs a credit, not a cancellation.
 */
export const INVOICE_WORKFLOW: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  DRAFT: ['ISSUED', 'VOID'],
  ISSUED: ['VOID'],
  OVERDUE: ['VOID'],
  PARTIALLY_PAID: [],
  PAID: [],
  VOID: [],
};

/**
 * An invoice header. Its lines and taxes live in `invoice_line` and
 * `invoice_tax`; `subtotal`, `taxTotal` and `total` are computed from them in
 * the transaction that writes them and kept here for lists and balances.
 * Money columns are decimal strings.
 */
export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    customerId: p.uuid(),
    /** Null while DRAFT: numbers are given when invoices are issued, in issue order. */
    number: p.string().nullable(),
    status: p.enum([...INVOICE_STATUSES]),
    currency: p.string(),
    /** When it was issued; for a DRAFT, when it was created. */
    issuedAt: p.datetime(),
    /** `YYYY-MM-DD`. */
    dueDate: p.date(),
    subtotal: p.decimal(),
    taxTotal: p.decimal(),
    total: p.decimal(),
    /** Sum of the payment allocations to this invoice. */
    paidAmount: p.decimal().default('0'),
    /** What the invoice was made from, e.g. `work_order:<id>`; unique per tenant. */
    source: p.string().nullable(),
    voidedAt: p.datetime().nullable(),
    voidReason: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});

export type Invoice = InferEntity<typeof Invoice>;

/** What is still owed: total − paid, and nothing for a DRAFT (not owed yet) or a VOID invoice. */
export const outstandingOf = (invoice: Pick<Invoice, 'status' | 'total' | 'paidAmount'>): Amount =>
  invoice.status === 'DRAFT' || invoice.status === 'VOID' ? amount(0) : amount(invoice.total).minus(invoice.paidAmount);

/** An `invoice_line` row as read by the batched loader. */
export type InvoiceLineRow = {
  invoice_id: string;
  description: string;
  quantity: string;
  unit_price: string;
  amount: string;
};

/** An `invoice_tax` row as read by the batched loader. */
export type InvoiceTaxRow = {
  invoice_id: string;
  code: string;
  name: string;
  rate: string;
  amount: string;
};
