import {
  childPages, emptyConnection, groupedByArgsLoader, groupedLoader, isUuid, keyedLoader, uuidArray,
  type ChildPageRow, type Connection, type EntityManager, type PageRequest,
} from '@c360/kit';
import { Invoice, type InvoiceLineRow, type InvoiceTaxRow } from './invoice.entity.ts';

/** Per-request loaders of invoices: one statement per loader per request, whatever the number of keys. */
export interface InvoiceLoaders {
  /** Invoices by id within the request's tenant (the tenant filter applies). */
  invoiceById: ReturnType<typeof keyedLoader<string, Invoice>>;
  /** A page of each customer's invoices, newest first. */
  customerInvoices: ReturnType<typeof groupedByArgsLoader<string, PageRequest, Connection<Invoice>>>;
  invoiceLines: ReturnType<typeof groupedLoader<string, InvoiceLineRow>>;
  invoiceTaxes: ReturnType<typeof groupedLoader<string, InvoiceTaxRow>>;
}

type InvoicePageRow = ChildPageRow & Record<string, unknown>;

export function createInvoiceLoaders(em: EntityManager, tenantId: string): InvoiceLoaders {
  return {
    invoiceById: keyedLoader(
      (ids) => em.find(Invoice, { id: { $in: ids.filter(isUuid) } }),
      (invoice) => invoice.id,
    ),
    customerInvoices: groupedByArgsLoader(
      (customerIds, request) => customerInvoicePages(em, tenantId, customerIds, request),
      () => emptyConnection<Invoice>(),
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

/** One statement for a page of each customer's invoices (kit `childPages`: LATERAL per customer on the index). */
async function customerInvoicePages(em: EntityManager, tenantId: string, customerIds: string[], request: PageRequest): Promise<Map<string, Connection<Invoice>>> {
  // A customer id that is not a UUID (a forged representation) has no invoices; it must not reach the ::uuid[] cast.
  const parentIds = customerIds.filter(isUuid);
  if (parentIds.length === 0) return new Map();
  return childPages(
    (sql, params) => em.execute<InvoicePageRow[]>(sql, params),
    { table: 'billing.invoice', parentColumn: 'customer_id', sortColumn: 'issued_at', sortType: 'timestamptz', tenantId, parentIds, request },
    ({ page_parent_id: _parent, total_count: _count, ...columns }) => em.map(Invoice, columns),
    (invoice) => ({ sort: invoice.issuedAt.toISOString(), id: invoice.id }),
  );
}
