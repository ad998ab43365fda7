import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { amount, tenantFilter, type Amount } from '@c360/kit';

export const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Invoices that still owe money; PAID owes nothing, DRAFT and VOID are not owed. */
export const OPEN_INVOICE_STATUSES = ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'] as const satisfies readonly InvoiceStatus[];

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
    number: p.string(),
    status: p.enum([...INVOICE_STATUSES]),
    currency: p.string(),
    issuedAt: p.datetime(),
    /** `YYYY-MM-DD`. */
    dueDate: p.date(),
    subtotal: p.decimal(),
    taxTotal: p.decimal(),
    total: p.decimal(),
    /** Sum of the payment allocations to this invoice. */
    paidAmount: p.decimal().default('0'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});

export type Invoice = InferEntity<typeof Invoice>;

export const outstandingOf = (invoice: Pick<Invoice, 'total' | 'paidAmount'>): Amount => amount(invoice.total).minus(invoice.paidAmount);

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
