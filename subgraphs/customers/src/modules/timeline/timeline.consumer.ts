import { changedFieldsOf, customerIdOf, isUuid, type ConsumerDefinition, type EntityManager, type EventEnvelope } from '@c360/kit';
import { summarise } from './timeline.summary.ts';

/**
 * Builds the customer timeline from every domain's events: each event about a
 * customer becomes one entry keyed by the event id, so a redelivered or
 * replayed event changes nothing (the consumer's inbox already skips it; the
 * key makes a rewind harmless too). Events about no customer are skipped. A
 * batch of events is written in one statement.
 */
export const timelineConsumer: ConsumerDefinition = {
  name: 'customer-timeline',
  types: null,
  // The past recorded after the fact (demo data) belongs in the timeline, at its own time.
  history: true,
  handle: (em, event) => record(em, [event]),
  handleBatch: (em, events) => record(em, events.map(({ event }) => event)),
};

async function record(em: EntityManager, events: EventEnvelope[]): Promise<void> {
  const rows = events.flatMap((event) => {
    const customerId = customerIdOf(event);
    // The entry is keyed by the event id: one that is not a UUID (never ours) cannot be kept.
    if (!customerId || !isUuid(event.id)) return [];
    const automation = event.data?.automation && typeof event.data.automation === 'object' ? event.data.automation : null;
    return [{
      id: event.id, tenant_id: event.tenantid, customer_id: customerId, type: event.type, family: event.type.split('.')[0], occurred_at: event.time,
      source: event.source, subject: event.subject ?? customerId, summary: summarise(event), changed_fields: changedFieldsOf(event),
      data: event.data ?? {}, automation,
    }];
  });
  if (rows.length === 0) return;
  await em.execute(
    `INSERT INTO customers.timeline_entry (id, tenant_id, customer_id, type, family, occurred_at, source, subject, summary, changed_fields, data, automation)
     SELECT r.id, r.tenant_id, r.customer_id, r.type, r.family, r.occurred_at, r.source, r.subject, r.summary,
       ARRAY(SELECT jsonb_array_elements_text(r.changed_fields)), r.data, r.automation
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, customer_id uuid, type text, family text, occurred_at timestamptz,
       source text, subject text, summary text, changed_fields jsonb, data jsonb, automation jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
