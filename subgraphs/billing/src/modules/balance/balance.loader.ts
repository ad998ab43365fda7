import { isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { OPEN_INVOICE_STATUSES } from '../invoice/invoice.entity.ts';

export type BalanceRow = {
  customer_id: string;
  /** Decimal string; positive when the customer owes money. */
  balance: string;
};

export interface BalanceLoaders {
  /** Each customer's balance; a customer without open invoices or credit has no row. */
  customerBalance: ReturnType<typeof keyedLoader<string, BalanceRow>>;
}

const OPEN_SQL = OPEN_INVOICE_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * One statement for all the customers of a request: what open invoices still
 * owe, minus what payments hold unallocated. PAID invoices owe nothing, so
 * reading only open ones gives the same sum as "all but DRAFT and VOID"; both
 * parts are index-only scans of partial indexes.
 */
export function createBalanceLoaders(em: EntityManager, tenantId: string): BalanceLoaders {
  return {
    customerBalance: keyedLoader(
      async (customerIds) => {
        // A forged (non-UUID) id has no balance and must not reach the ::uuid[] cast.
        const valid = customerIds.filter(isUuid);
        if (valid.length === 0) return [];
        const ids = uuidArray(valid);
        return em.execute<BalanceRow[]>(
          `SELECT customer_id, sum(amount) AS balance FROM (
             SELECT customer_id, total - paid_amount AS amount FROM billing.invoice
             WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND status IN (${OPEN_SQL})
             UNION ALL
             SELECT customer_id, allocated_amount - amount FROM billing.payment
             WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND allocated_amount < amount
           ) entries
           GROUP BY customer_id`,
          [tenantId, ids, tenantId, ids],
        );
      },
      (row) => row.customer_id,
    ),
  };
}
