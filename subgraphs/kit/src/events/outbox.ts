import { randomUUID } from 'node:crypto';
import { CloudEvent } from 'cloudevents';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validate as isUuid, v5 as uuidv5 } from 'uuid';

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
  /**
   * Set on an event recorded after the fact for a change of the past (demo
   * data, imported records), whose `time` is when that change happened: views
   * built from the events take it in; consumers that act on a change let it
   * pass (see `ConsumerDefinition.history`).
   */
  history?: true;
}

/** A domain event of the past, recorded after the fact: `time` is when it happened. */
export interface PastEvent extends DomainEvent {
  time: Date | string;
}

/** Namespace of the ids of past events, derived from what they say. */
const PAST_EVENT_NAMESPACE = '0b9d3c8e-5f1a-4f0e-8c61-7d2b9a4e3c60';

export const outboxChannel = (schema: string) => `c360_outbox_${schema}`;

/**
 * The CloudEvent of a domain event: happening now, with a random id; or, for a
 * past event, at its own time, marked `history`, with an id derived from what
 * it says (the same past recorded twice is one event).
 */
export function envelope(source: string, tenantId: string, event: DomainEvent | PastEvent): EventEnvelope {
  const past = 'time' in event ? { time: new Date(event.time).toISOString() } : null;
  const id = past ? uuidv5(JSON.stringify([tenantId, source, event.type, event.subject, past.time, event.data]), PAST_EVENT_NAMESPACE) : randomUUID();
  const cloudEvent = new CloudEvent<Record<string, unknown>>({
    id,
    source,
    type: event.type,
    subject: event.subject,
    time: past?.time ?? new Date().toISOString(),
    tenantid: tenantId,
    datacontenttype: 'application/json',
    data: event.data,
    ...(past ? { history: true } : {}),
  });
  return cloudEvent.toJSON() as unknown as EventEnvelope;
}

/**
 * Writes events to the subgraph's outbox through `em`, which must be inside the
 * transaction that makes the change: the change and its events commit together.
 * Call it after the change's statements so that outbox order follows row locks.
 */
export async function recordEvents(em: EntityManager, schema: string, tenantId: string, events: DomainEvent[]): Promise<EventEnvelope[]> {
  return writeOutbox(em, schema, events.map((event) => envelope(`/c360/${schema}`, tenantId, event)));
}

/**
 * Writes events of the past (records loaded without their events: demo data,
 * imports) to the outbox through `em`, in the transaction that writes those
 * records, oldest first, each at its own time and marked `history`: the
 * timeline shows them when they happened, and nothing acts on them again
 * (no invoice for an old work order, no suspension for an old broken
 * arrangement). An event already recorded is not recorded twice.
 */
export async function recordHistory(em: EntityManager, schema: string, tenantId: string, events: PastEvent[]): Promise<EventEnvelope[]> {
  const envelopes = events.map((event) => envelope(`/c360/${schema}`, tenantId, event));
  // Stable: events of the same instant keep the order they were given in (an entity's creation before its change).
  envelopes.sort((a, b) => a.time.localeCompare(b.time));
  return writeOutbox(em, schema, envelopes);
}

/** Rows per outbox INSERT, to keep each JSON parameter small. */
const OUTBOX_CHUNK = 2_000;

async function writeOutbox(em: EntityManager, schema: string, envelopes: EventEnvelope[]): Promise<EventEnvelope[]> {
  for (let start = 0; start < envelopes.length; start += OUTBOX_CHUNK) {
    await em.execute(
      `INSERT INTO "${schema}".outbox (id, tenant_id, type, subject, envelope)
       SELECT (e->>'id')::uuid, e->>'tenantid', e->>'type', e->>'subject', e FROM jsonb_array_elements(?::jsonb) AS e
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(envelopes.slice(start, start + OUTBOX_CHUNK))],
    );
  }
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
