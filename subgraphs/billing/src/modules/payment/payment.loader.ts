import {
  childPages, emptyConnection, groupedByArgsLoader, groupedLoader, isUuid, keyedLoader, uuidArray,
  type ChildPageRow, type Connection, type EntityManager, type PageRequest,
} from '@c360/kit';
import { Payment, type PaymentAllocationRow } from './payment.entity.ts';

/** Per-request loaders of payments: one statement per loader per request, whatever the number of keys. */
export interface PaymentLoaders {
  /** Payments by id within the request's tenant (the tenant filter applies). */
  paymentById: ReturnType<typeof keyedLoader<string, Payment>>;
  /** A page of each customer's payments, newest first. */
  customerPayments: ReturnType<typeof groupedByArgsLoader<string, PageRequest, Connection<Payment>>>;
  /** Each payment's allocations, oldest invoice first. */
  paymentAllocations: ReturnType<typeof groupedLoader<string, PaymentAllocationRow>>;
}

type PaymentPageRow = ChildPageRow & Record<string, unknown>;

export function createPaymentLoaders(em: EntityManager, tenantId: string): PaymentLoaders {
  return {
    paymentById: keyedLoader(
      (ids) => em.find(Payment, { id: { $in: ids.filter(isUuid) } }),
      (payment) => payment.id,
    ),
    customerPayments: groupedByArgsLoader(
      (customerIds, request) => customerPaymentPages(em, tenantId, customerIds, request),
      () => emptyConnection<Payment>(),
    ),
    paymentAllocations: groupedLoader(
      (paymentIds) =>
        em.execute<PaymentAllocationRow[]>(
          `SELECT a.payment_id, a.invoice_id, a.amount FROM billing.payment_allocation a
           JOIN billing.invoice i ON i.id = a.invoice_id AND i.tenant_id = a.tenant_id
           WHERE a.tenant_id = ? AND a.payment_id = ANY(?::uuid[])
           ORDER BY a.payment_id, i.issued_at, i.id`,
          [tenantId, uuidArray(paymentIds)],
        ),
      (allocation) => allocation.payment_id,
    ),
  };
}

/** One statement for a page of each customer's payments (kit `childPages`: LATERAL per customer on the index). */
async function customerPaymentPages(em: EntityManager, tenantId: string, customerIds: string[], request: PageRequest): Promise<Map<string, Connection<Payment>>> {
  // A customer id that is not a UUID (a forged representation) has no payments; it must not reach the ::uuid[] cast.
  const parentIds = customerIds.filter(isUuid);
  if (parentIds.length === 0) return new Map();
  return childPages(
    (sql, params) => em.execute<PaymentPageRow[]>(sql, params),
    { table: 'billing.payment', parentColumn: 'customer_id', sortColumn: 'received_at', sortType: 'timestamptz', tenantId, parentIds, request },
    ({ page_parent_id: _parent, total_count: _count, ...columns }) => em.map(Payment, columns),
    (payment) => ({ sort: payment.receivedAt.toISOString(), id: payment.id }),
  );
}
