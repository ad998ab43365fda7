import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A domain event as a subgraph states it; the kit wraps it in a CloudEvent. */
export interface DomainEvent {
  /** Dotted, past tense: `customer.updated`, `invoice.created`. */
  type: string;
  /** The id of the entity the event is about. */
  subject: string;
  data: Record<string, unknown>;
}

/** A CloudEvents 1.0 structured envelope with our `tenantid` extension. */
export interface EventEnvelope {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  tenantid: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}

export const outboxChannel = (schema: string) => `c360_outbox_${schema}`;

export function envelope(source: string, tenantId: string, event: DomainEvent): EventEnvelope {
  const cloudEvent = new CloudEvent<Record<string, unknown>>({
    id: randomUUID(),
    source,
    type: event.type,
    subject: event.subject,
    time: new Date().toISOString(),
    tenantid: tenantId,
    datacontenttype: 'application/json',
    data: event.data,
  });
  return cloudEvent.toJSON() as unknown as EventEnvelope;
}

/**
 * Writes events to the subgraph's outbox through `em`, which must be inside the
 * transaction that makes the change: the change and its events commit together.
 * Call it after the change's statements so that outbox order follows row locks.
 */
export async function recordEvents(em: EntityManager, schema: string, tenantId: string, events: DomainEvent[]): Promise<EventEnvelope[]> {
  if (events.length === 0) return [];
  const envelopes = events.map((event) => envelope(`/c360/${schema}`, tenantId, event));
  await em.execute(
    `INSERT INTO "${schema}".outbox (id, tenant_id, type, subject, envelope)
     SELECT (e->>'id')::uuid, e->>'tenantid', e->>'type', e->>'subject', e FROM jsonb_array_elements(?::jsonb) AS e`,
    [JSON.stringify(envelopes)],
  );
  return envelopes;
}
