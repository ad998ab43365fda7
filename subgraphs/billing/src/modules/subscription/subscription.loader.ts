import { groupedLoader, isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { Subscription } from './subscription.entity.ts';

/** Per-request loaders of subscriptions: one statement per loader per request. */
export interface SubscriptionLoaders {
  /** Subscriptions by id within the request's tenant (the tenant filter applies). */
  subscriptionById: ReturnType<typeof keyedLoader<string, Subscription>>;
  /** A page of each customer's subscriptions, newest first. */
  customerSubscriptions: ChildPageLoader<Subscription>;
  /** `ServiceLocation.subscriptions`: every subscription at each location, oldest first. */
  locationSubscriptions: ReturnType<typeof groupedLoader<string, Subscription>>;
  contractSubscriptions: ReturnType<typeof groupedLoader<string, Subscription>>;
}

/** Subscriptions whose `column` is one of `ids`, oldest first: one statement for all the parents. */
function subscriptionsBy(em: EntityManager, tenantId: string, column: 'service_location_id' | 'contract_id') {
  return async (ids: readonly string[]) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await em.execute<Record<string, unknown>[]>(
      `SELECT * FROM billing.subscription WHERE tenant_id = ? AND ${column} = ANY(?::uuid[]) ORDER BY created_at, id`,
      [tenantId, uuidArray(valid)],
    );
    return rows.map((row) => em.map(Subscription, row));
  };
}

export function createSubscriptionLoaders(em: EntityManager, tenantId: string): SubscriptionLoaders {
  return {
    subscriptionById: keyedLoader((ids) => em.find(Subscription, { id: { $in: ids.filter(isUuid) } }), (subscription) => subscription.id),
    customerSubscriptions: childPageLoader(
      em, tenantId,
      { table: 'billing.subscription', parentColumn: 'customer_id', sortColumn: 'created_at', sortType: 'timestamptz' },
      (columns) => em.map(Subscription, columns),
      (subscription) => subscription.createdAt,
      (subscription) => subscription.id,
    ),
    locationSubscriptions: groupedLoader(subscriptionsBy(em, tenantId, 'service_location_id'), (subscription) => subscription.serviceLocationId!),
    contractSubscriptions: groupedLoader(subscriptionsBy(em, tenantId, 'contract_id'), (subscription) => subscription.contractId!),
  };
}
