import { isUuid, recordEvents, type ConsumerDefinition } from '@c360/kit';

/**
 * When the customers subgraph merges two customers (`customer.merged`, data
 * `{ survivorId, mergedId }`), the merged customer's tickets and work orders
 * move to the survivor (dispatch jobs follow their tickets), each move with its
 * event. The kit applies an event once per consumer; re-applying it would find
 * nothing left to move anyway.
 */
export const customerMergedConsumer: ConsumerDefinition = {
  name: 'support-customer-merged',
  types: ['customer.merged'],
  async handle(em, event) {
    const { survivorId, mergedId } = event.data;
    if (typeof survivorId !== 'string' || typeof mergedId !== 'string' || !isUuid(survivorId) || !isUuid(mergedId)
      || survivorId.toLowerCase() === mergedId.toLowerCase()) {
      // Skipped, not retried: retrying cannot make the data valid, and would hold up every later event.
      console.error(`[support] customer.merged ${event.id} ignored: survivorId and mergedId must be two customer ids`);
      return;
    }
    const tenantId = event.tenantid;
    // Served by the (tenant, customer, ...) indexes of both tables.
    const tickets = await em.execute<{ id: string }[]>(
      `UPDATE support.ticket SET customer_id = ?, updated_at = now() WHERE tenant_id = ? AND customer_id = ? RETURNING id`,
      [survivorId, tenantId, mergedId],
    );
    const workOrders = await em.execute<{ id: string }[]>(
      `UPDATE support.work_order SET customer_id = ?, version = version + 1, updated_at = now() WHERE tenant_id = ? AND customer_id = ? RETURNING id`,
      [survivorId, tenantId, mergedId],
    );
    const moved = { customerId: survivorId, previousCustomerId: mergedId, mergeEventId: event.id };
    await recordEvents(em, 'support', tenantId, [
      ...tickets.map((row) => ({ type: 'ticket.customer_changed', subject: row.id, data: { ...moved, ticketId: row.id } })),
      ...workOrders.map((row) => ({ type: 'work_order.customer_changed', subject: row.id, data: { ...moved, workOrderId: row.id } })),
    ]);
  },
};
