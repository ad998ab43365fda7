import { newId, recordEvents, type DomainEvent, type EntityManager } from '@c360/kit';
import { Subscription, type BillingFrequency } from './subscription.entity.ts';

export interface NewSubscription {
  customerId: string;
  serviceLocationId: string | null;
  productId: string | null;
  contractId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  currency: string;
  frequency: BillingFrequency;
  startDate: string;
}

/** Writes ACTIVE subscriptions in the caller's transaction (one statement), each with `subscription.created`. */
export async function insertSubscriptions(tx: EntityManager, tenantId: string, values: NewSubscription[]): Promise<Subscription[]> {
  if (values.length === 0) return [];
  const ids = values.map(() => newId());
  const rows = await tx.execute<Record<string, unknown>[]>(
    `INSERT INTO billing.subscription (id, tenant_id, customer_id, service_location_id, product_id, contract_id, description, quantity,
       unit_price, currency, frequency, status, start_date, next_billing_date)
     SELECT r.id, ?, r.customer_id, r.service_location_id, r.product_id, r.contract_id, r.description, r.quantity, r.unit_price,
       r.currency, r.frequency, 'ACTIVE', r.start_date, r.start_date
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, service_location_id uuid, product_id uuid,
       contract_id uuid, description text, quantity numeric, unit_price numeric, currency text, frequency text, start_date date)
     RETURNING *`,
    [tenantId, JSON.stringify(values.map((value, index) => ({
      id: ids[index], customer_id: value.customerId, service_location_id: value.serviceLocationId, product_id: value.productId,
      contract_id: value.contractId, description: value.description, quantity: value.quantity, unit_price: value.unitPrice,
      currency: value.currency, frequency: value.frequency, start_date: value.startDate,
    })))],
  );
  // RETURNING has no order: hand them back in the order asked for.
  const byId = new Map(rows.map((row) => [String(row.id), tx.map(Subscription, row)]));
  const subscriptions = ids.map((id) => byId.get(id)!);
  await recordEvents(tx, 'billing', tenantId, subscriptions.map(subscriptionCreatedEvent));
  return subscriptions;
}

/** `subscription.created` (the demo data records it too, for its past). */
export function subscriptionCreatedEvent(subscription: Subscription): DomainEvent {
  return {
    type: 'subscription.created',
    subject: subscription.id,
    data: {
      customerId: subscription.customerId, subscriptionId: subscription.id, serviceLocationId: subscription.serviceLocationId,
      contractId: subscription.contractId, unitPrice: subscription.unitPrice, frequency: subscription.frequency,
    },
  };
}
