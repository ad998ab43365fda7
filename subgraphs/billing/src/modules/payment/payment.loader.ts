import { groupedLoader, isUuid, keyedLoader, rowReader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { Payment, type PaymentAllocationRow } from './payment.entity.ts';

/** Per-request loaders of payments: one statement per loader per request, whatever the number of keys. */
export interface PaymentLoaders {
  /** Payments by id within the request's tenant (the tenant filter applies). */
  paymentById: ReturnType<typeof keyedLoader<string, Payment>>;
  /** A page of each customer's payments, newest first. */
  customerPayments: ChildPageLoader<Payment>;
  /** Each payment's allocations, oldest invoice first. */
  paymentAllocations: ReturnType<typeof groupedLoader<string, PaymentAllocationRow>>;
}

export function createPaymentLoaders(em: EntityManager, tenantId: string): PaymentLoaders {
  return {
    paymentById: keyedLoader(
      (ids) => em.find(Payment, { id: { $in: ids.filter(isUuid) } }),
      (payment) => payment.id,
    ),
    customerPayments: childPageLoader(
      em, tenantId,
      { table: 'billing.payment', parentColumn: 'customer_id', sortColumn: 'received_at', sortType: 'timestamptz' },
      rowReader(em, Payment),
      (payment) => payment.receivedAt,
      (payment) => payment.id,
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
