import { isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { sqlList } from '../shared/values.ts';
import { LIVE_ARRANGEMENT_STATUSES, PaymentArrangement } from './arrangement.entity.ts';

/** Per-request loaders of payment arrangements: one statement per loader per request. */
export interface ArrangementLoaders {
  arrangementById: ReturnType<typeof keyedLoader<string, PaymentArrangement>>;
  /** Each customer's live (PENDING or OPEN) arrangement, by the unique partial index. */
  liveArrangement: ReturnType<typeof keyedLoader<string, PaymentArrangement>>;
  customerArrangements: ChildPageLoader<PaymentArrangement>;
}

export function createArrangementLoaders(em: EntityManager, tenantId: string): ArrangementLoaders {
  return {
    arrangementById: keyedLoader((ids) => em.find(PaymentArrangement, { id: { $in: ids.filter(isUuid) } }), (arrangement) => arrangement.id),
    liveArrangement: keyedLoader(
      async (customerIds) => {
        const rows = await em.execute<Record<string, unknown>[]>(
          `SELECT * FROM billing.payment_arrangement
           WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND status IN (${sqlList(LIVE_ARRANGEMENT_STATUSES)})`,
          [tenantId, uuidArray(customerIds)],
        );
        return rows.map((row) => em.map(PaymentArrangement, row));
      },
      (arrangement) => arrangement.customerId,
    ),
    customerArrangements: childPageLoader(
      em, tenantId,
      { table: 'billing.payment_arrangement', parentColumn: 'customer_id', sortColumn: 'created_at', sortType: 'timestamptz' },
      (columns) => em.map(PaymentArrangement, columns),
      (arrangement) => arrangement.createdAt,
      (arrangement) => arrangement.id,
    ),
  };
}
