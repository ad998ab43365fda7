import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validate as isUuid } from 'uuid';

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

/**
 * The customer an event is about: by convention `data.customerId`, or the
 * subject of the customers subgraph's own `customer.*` events. Null for events
 * about no customer (settings, technicians).
 */
export function customerIdOf(event: EventEnvelope): string | null {
  const fromData = event.data?.customerId;
  const id = typeof fromData === 'string' ? fromData : event.type.startsWith('customer.') ? event.subject : null;
  return id && isUuid(id) ? id.toLowerCase() : null;
}

/** The fields a change touched, as its event lists them (`data.changedFields`; `[]` when it does not say). */
export function changedFieldsOf(event: EventEnvelope): string[] {
  const fields = event.data?.changedFields;
  return Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string') : [];
}
