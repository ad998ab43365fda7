import { groupedLoader, isUuid, keyedLoader, rowReader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { Invoice, type InvoiceLineRow, type InvoiceTaxRow } from './invoice.entity.ts';

/** Per-request loaders of invoices: one statement per loader per request, whatever the number of keys. */
export interface InvoiceLoaders {
  /** Invoices by id within the request's tenant (the tenant filter applies). */
  invoiceById: ReturnType<typeof keyedLoader<string, Invoice>>;
  /** A page of each customer's invoices, newest first. */
  customerInvoices: ChildPageLoader<Invoice>;
  invoiceLines: ReturnType<typeof groupedLoader<string, InvoiceLineRow>>;
  invoiceTaxes: ReturnType<typeof groupedLoader<string, InvoiceTaxRow>>;
}

export function createInvoiceLoaders(em: EntityManager, tenantId: string): InvoiceLoaders {
  return {
    invoiceById: keyedLoader(
      (ids) => em.find(Invoice, { id: { $in: ids.filter(isUuid) } }),
      (invoice) => invoice.id,
    ),
    customerInvoices: childPageLoader(
      em, tenantId,
      { table: 'billing.invoice', parentColumn: 'customer_id', sortColumn: 'issued_at', sortType: 'timestamptz' },
      rowReader(em, Invoice),
      (invoice) => invoice.issuedAt,
      (invoice) => invoice.id,
    ),
    invoiceLines: groupedLoader(
      (invoiceIds) =>
        em.execute<InvoiceLineRow[]>(
          `SELECT invoice_id, description, quantity, unit_price, amount FROM billing.invoice_line
           WHERE tenant_id = ? AND invoice_id = ANY(?::uuid[]) ORDER BY invoice_id, line_no`,
          [tenantId, uuidArray(invoiceIds)],
        ),
      (line) => line.invoice_id,
    ),
    invoiceTaxes: groupedLoader(
      (invoiceIds) =>
        em.execute<InvoiceTaxRow[]>(
          `SELECT invoice_id, code, name, rate, amount FROM billing.invoice_tax
           WHERE tenant_id = ? AND invoice_id = ANY(?::uuid[]) ORDER BY invoice_id, position`,
          [tenantId, uuidArray(invoiceIds)],
        ),
      (tax) => tax.invoice_id,
    ),
  };
}
