import { changedFieldsOf, customerIdOf, type ConsumerDefinition, type EntityManager, type EventEnvelope } from '@c360/kit';

/** SQL: does `pattern` (a column) cover the event's type (`ev.type`)? See partners/scopes.ts. */
const covers = (pattern: string) => `(${pattern} = '*' OR ${pattern} = ev.type OR (right(${pattern}, 2) = '.*' AND starts_with(ev.type, left(${pattern}, -1))))`;

/**
 * Queues each customer event for every enabled endpoint of its tenant that
 * asked for its type, in the transaction that marks the events processed (the
 * consumer is idempotent on the event id, and so is the queue: one delivery per
 * endpoint and event). An endpoint registered with a partner's key gets only
 * what that key may still see: nothing once the key is revoked or expired.
 * A batch of events is queued in one statement.
 */
export const webhookFanout: ConsumerDefinition = {
  name: 'webhook-fanout',
  types: null,
  handle: (em, event, position) => queue(em, [{ event, position: position ?? 0 }]),
  handleBatch: queue,
};

async function queue(em: EntityManager, events: { event: EventEnvelope; position: number }[]): Promise<void> {
  const rows = events.flatMap(({ event, position }) => {
    const customerId = customerIdOf(event);
    return customerId ? [{ id: event.id, type: event.type, tenant_id: event.tenantid, position, customer_id: customerId, payload: webhookPayload(event, customerId) }] : [];
  });
  if (rows.length === 0) return;
  await em.execute(
    `INSERT INTO gateway.webhook_delivery (id, tenant_id, endpoint_id, event_id, event_type, event_position, order_key, payload)
     SELECT gen_random_uuid(), e.tenant_id, e.id, ev.id, ev.type, ev.position, ev.customer_id, ev.payload
     FROM jsonb_to_recordset(?::jsonb) AS ev(id text, type text, tenant_id text, position bigint, customer_id text, payload text)
     JOIN gateway.webhook_endpoint e ON e.tenant_id = ev.tenant_id AND e.status = 'ENABLED'
     WHERE EXISTS (SELECT 1 FROM unnest(e.event_types) AS p(pattern) WHERE ${covers('p.pattern')})
       AND (e.owner NOT LIKE 'apikey:%' OR EXISTS (
         SELECT 1 FROM gateway.api_key k
         WHERE k.tenant_id = e.tenant_id AND 'apikey:' || k.id = e.owner AND k.revoked_at IS NULL AND k.expires_at > now()
           AND EXISTS (SELECT 1 FROM unnest(k.event_types) AS kp(pattern) WHERE ${covers('kp.pattern')})))
     ORDER BY ev.position
     ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/**
 * A webhook body (Standard Webhooks `{ type, timestamp, data }`), thin: what
 * changed and the ids to read it by through the graph, never the event's full
 * data (which may hold more than the partner's key may read).
 */
export function webhookPayload(event: EventEnvelope, customerId: string): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.time,
    data: { eventId: event.id, customerId, subject: event.subject, changedFields: changedFieldsOf(event) },
  });
}
