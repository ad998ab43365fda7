import { newId, notFound, recordEvents, type DomainEvent, type EntityManager } from '@c360/kit';
import { nextInvoiceNumber } from '../numbering/document-number.ts';
import { checkTotals, lineRows, taxRows } from '../shared/lines.ts';
import { priceInvoice, type LineToPrice, type PricedInvoice, type TaxProfileValue } from '../tax/tax.calculation.ts';
import { Invoice, type InvoiceStatus } from './invoice.entity.ts';

export interface NewInvoice {
  customerId: string;
  /** A DRAFT has no number and owes nothing until issued. */
  draft: boolean;
  issuedAt: Date;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  priced: PricedInvoice;
  /** What the invoice is made from (`work_order:<id>`), when it comes from an event. */
  source?: string | null;
}

/**
 * Writes an invoice in the caller's transaction: its number (unless a draft),
 * header with the totals computed from the lines, the lines, the taxes, and the
 * `invoice.created` event. One statement for the rows, whatever the number of lines.
 */
export async function writeInvoice(tx: EntityManager, tenantId: string, values: NewInvoice): Promise<Invoice> {
  const { priced } = values;
  const status: InvoiceStatus = values.draft ? 'DRAFT' : priced.total.isZero() ? 'PAID' : 'ISSUED';
  const number = values.draft ? null : await nextInvoiceNumber(tx, tenantId);
  const [row] = await tx.execute<Record<string, unknown>[]>(
    `WITH invoice AS (
       INSERT INTO billing.invoice (id, tenant_id, customer_id, number, status, currency, issued_at, due_date, subtotal, tax_total, total, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING *
     ), lines AS (
       INSERT INTO billing.invoice_line (invoice_id, line_no, tenant_id, description, quantity, unit_price)
       SELECT invoice.id, r.line_no, invoice.tenant_id, r.description, r.quantity, r.unit_price
       FROM invoice, jsonb_to_recordset(?::jsonb) AS r(line_no int, description text, quantity numeric, unit_price numeric)
     ), taxes AS (
       INSERT INTO billing.invoice_tax (invoice_id, position, tenant_id, code, name, rate, amount)
       SELECT invoice.id, r.position, invoice.tenant_id, r.code, r.name, r.rate, r.amount
       FROM invoice, jsonb_to_recordset(?::jsonb) AS r(position int, code text, name text, rate numeric, amount numeric)
     )
     SELECT * FROM invoice`,
    [
      newId(), tenantId, values.customerId, number, status, priced.currency, values.issuedAt, values.dueDate,
      priced.subtotal.toFixed(2), priced.taxTotal.toFixed(2), priced.total.toFixed(2), values.source ?? null,
      JSON.stringify(lineRows(priced)), JSON.stringify(taxRows(priced)),
    ],
  );
  const invoice = tx.map(Invoice, row!);
  await recordEvents(tx, 'billing', tenantId, [invoiceCreatedEvent(invoice)]);
  return invoice;
}

/** `invoice.created` (the demo data records it too, for its past). */
export function invoiceCreatedEvent(invoice: Invoice): DomainEvent {
  return {
    type: 'invoice.created',
    subject: invoice.id,
    data: { customerId: invoice.customerId, invoiceId: invoice.id, number: invoice.number ?? null, status: invoice.status, total: invoice.total, currency: invoice.currency },
  };
}

/** The invoice, locked until the transaction ends; NOT_FOUND outside the tenant. */
export async function lockInvoice(tx: EntityManager, tenantId: string, id: string): Promise<Invoice> {
  const [row] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM billing.invoice WHERE tenant_id = ? AND id = ? FOR UPDATE', [tenantId, id]);
  if (!row) throw notFound('Invoice');
  return tx.map(Invoice, row);
}

/**
 * Recomputes a locked invoice's taxes and totals from its lines with `profile`
 * (when a draft is issued, or a voucher adds a discount line): the stored totals
 * can never disagree with the lines. `field` is named if the totals are refused.
 */
export async function repriceInvoice(tx: EntityManager, tenantId: string, invoiceId: string, profile: TaxProfileValue, field: string): Promise<PricedInvoice> {
  const lines = await tx.execute<{ description: string; quantity: string; unit_price: string }[]>(
    'SELECT description, quantity, unit_price FROM billing.invoice_line WHERE tenant_id = ? AND invoice_id = ? ORDER BY line_no',
    [tenantId, invoiceId],
  );
  const priced = priceInvoice(lines.map((line): LineToPrice => ({ description: line.description, quantity: line.quantity, unitPrice: line.unit_price })), profile);
  checkTotals(priced, field);
  await tx.execute('DELETE FROM billing.invoice_tax WHERE tenant_id = ? AND invoice_id = ?', [tenantId, invoiceId]);
  await tx.execute(
    `WITH taxes AS (
       INSERT INTO billing.invoice_tax (invoice_id, position, tenant_id, code, name, rate, amount)
       SELECT ?, r.position, ?, r.code, r.name, r.rate, r.amount
       FROM jsonb_to_recordset(?::jsonb) AS r(position int, code text, name text, rate numeric, amount numeric)
     )
     UPDATE billing.invoice SET subtotal = ?, tax_total = ?, total = ?, currency = ?, updated_at = now(), version = version + 1
     WHERE tenant_id = ? AND id = ?`,
    [invoiceId, tenantId, JSON.stringify(taxRows(priced)), priced.subtotal.toFixed(2), priced.taxTotal.toFixed(2), priced.total.toFixed(2), priced.currency, tenantId, invoiceId],
  );
  return priced;
}

/** Appends a line to a locked draft (a voucher's discount); the caller reprices. */
export async function appendInvoiceLine(tx: EntityManager, tenantId: string, invoiceId: string, line: LineToPrice): Promise<void> {
  await tx.execute(
    `INSERT INTO billing.invoice_line (invoice_id, line_no, tenant_id, description, quantity, unit_price)
     SELECT ?, coalesce(max(line_no) + 1, 0), ?, ?, ?, ? FROM billing.invoice_line WHERE invoice_id = ?`,
    [invoiceId, tenantId, line.description, line.quantity, line.unitPrice, invoiceId],
  );
}
