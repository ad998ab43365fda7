import type { ConsumerDefinition } from '@c360/kit';

/**
 * Keeps `Customer.lastActivityAt` current from the other domains' events. Taking
 * the greatest time makes it order-independent as well as idempotent, and lets
 * history (demo data) count at its own time.
 */
export const customerActivityConsumer: ConsumerDefinition = {
  name: 'customer-activity',
  types: ['invoice.created', 'payment.received', 'ticket.opened'],
  history: true,
  async handle(em, event) {
    const customerId = event.data.customerId;
    if (typeof customerId !== 'string') return;
    await em.execute(
      `UPDATE customers.customer SET last_activity_at = greatest(last_activity_at, ?::timestamptz)
       WHERE tenant_id = ? AND id = ?`,
      [event.time, event.tenantid, customerId],
    );
  },
};
