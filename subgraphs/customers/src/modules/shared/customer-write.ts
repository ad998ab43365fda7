import { LockMode, UniqueConstraintViolationException, type EntityName } from '@mikro-orm/core';
import { DomainError, ErrorCode, conflict, newId, recordEvents, requireUuid, type DomainEvent, type EntityManager } from '@c360/kit';
import { Customer } from '../customer/customer.entity.ts';
import type { ChangeAction } from '../history/change-record.entity.ts';
import type { RecordKind, Snapshot } from './record-kinds.ts';

/** What every record under a customer has. */
export interface CustomerChild {
  id: string;
  customerId: string;
  version: number;
  removedAt?: Date | null;
}

/** A kind of record under a customer: its entity, its name in messages, and how history shows it. */
export interface RecordSpec<E extends CustomerChild> {
  entity: EntityName<E>;
  /** E.g. `Contact`, in error messages. */
  what: string;
  kind: RecordKind;
  snapshot: (record: E) => Snapshot;
}

/** An update or removal names the record and the version the caller read. */
export interface RecordInput {
  id: string;
  version: number;
}

interface ChangeRow {
  id: string;
  customer_id: string;
  entity_type: string;
  entity_id: string;
  action: ChangeAction;
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * One change to customer data, inside its transaction: takes the locks, and
 * collects the change records and outbox events that `save` writes in the
 * same transaction.
 *
 * Locking order is always the customer row first, then its records: every
 * writer of a customer's records queues on the customer row, so rules that span
 * records (one principal contact, one default address per type, merges) hold
 * under concurrency without deadlocks.
 */
export class CustomerWrite {
  readonly tx: EntityManager;
  readonly tenantId: string;
  /** Who makes the change: the caller's subject. */
  readonly who: string;
  private readonly operationId = newId();
  private readonly changes: ChangeRow[] = [];
  private readonly events: DomainEvent[] = [];

  constructor(tx: EntityManager, tenantId: string, who: string) {
    this.tx = tx;
    this.tenantId = tenantId;
    this.who = who;
  }

  /** Locks the customer for the rest of the transaction; `field` names the input that gave its id. */
  async lockCustomer(id: string, field: string, options: { allowMerged?: boolean } = {}): Promise<Customer> {
    requireUuid(id, field);
    const customer = await this.tx.findOne(Customer, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!customer) throw new DomainError(ErrorCode.NotFound, `Customer ${id} not found`, field);
    if (customer.mergedIntoId && !options.allowMerged) {
      throw conflict(`Customer ${id} was merged into ${customer.mergedIntoId}; change that customer instead`, field);
    }
    return customer;
  }

  /** Locks several customers, in id order so that two writers locking the same pair cannot deadlock. */
  async lockCustomers(targets: { id: string; field: string }[]): Promise<Customer[]> {
    for (const target of targets) requireUuid(target.id, target.field);
    const locked = new Map<string, Customer>();
    for (const target of [...targets].sort((a, b) => a.id.localeCompare(b.id))) {
      if (!locked.has(target.id)) locked.set(target.id, await this.lockCustomer(target.id, target.field));
    }
    return targets.map((target) => locked.get(target.id)!);
  }

  /**
   * Locks a current record and its customer (customer first, see the class
   * comment). A record changed since the caller read it (`input.version`) is
   * a CONFLICT on `input.version`.
   */
  async lockRecord<E extends CustomerChild>(spec: RecordSpec<E>, input: RecordInput): Promise<{ record: E; customer: Customer }> {
    const { id } = input;
    requireUuid(id, 'input.id');
    const where = { id } as never;
    const found = await this.tx.findOne(spec.entity, where);
    if (!found || found.removedAt) throw new DomainError(ErrorCode.NotFound, `${spec.what} ${id} not found`, 'input.id');
    const customer = await this.lockCustomer(found.customerId, 'input.id');
    const record = await this.tx.findOne(spec.entity, where, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    // A merge may have moved it, or someone removed it, between the two reads.
    if (!record || record.removedAt || record.customerId !== customer.id) throw conflict(`${spec.what} ${id} was changed concurrently; retry`, 'input.id');
    checkVersion(`${spec.what} ${id}`, record.version, input.version, 'input.version');
    return { record, customer };
  }

  /** Locks a record, lets `apply` change it, and records what changed (the `<kind>.updated` event). */
  async change<E extends CustomerChild>(spec: RecordSpec<E>, input: RecordInput, apply: (record: E, customer: Customer) => void | Promise<void>): Promise<{ record: E; customer: Customer }> {
    const { record, customer } = await this.lockRecord(spec, input);
    const before = spec.snapshot(record);
    await apply(record, customer);
    await this.tx.flush();
    this.updated(spec.kind, customer.id, record.id, before, spec.snapshot(record));
    return { record, customer };
  }

  /**
   * Takes a record out of its customer's current ones (`removedAt`; never a
   * delete) and records it (the `<kind>.removed` event). `apply` clears what a
   * removed record must not keep, such as a flag.
   */
  async remove<E extends CustomerChild>(spec: RecordSpec<E>, input: RecordInput, apply?: (record: E, customer: Customer) => void | Promise<void>): Promise<{ record: E; customer: Customer }> {
    const { record, customer } = await this.lockRecord(spec, input);
    const before = spec.snapshot(record);
    await apply?.(record, customer);
    record.removedAt = new Date();
    await this.tx.flush();
    this.removed(spec.kind, customer.id, record.id, before);
    return { record, customer };
  }

  /** Records a new record: every field that has a value. */
  created(kind: RecordKind, customerId: string, id: string, after: Snapshot): void {
    this.record(kind, customerId, id, 'CREATED', {}, after);
    this.add(createdEvent(kind, customerId, id, after));
  }

  /** Records what differs between two snapshots; returns the changed fields (none: no record, no event). */
  updated(kind: RecordKind, customerId: string, id: string, before: Snapshot, after: Snapshot, eventData: Snapshot = {}): string[] {
    const fields = this.record(kind, customerId, id, 'UPDATED', before, after);
    if (fields.length > 0) {
      this.event(`${kind.eventPrefix}.updated`, id, { customerId, [`${kind.dataKey}Id`]: id, changedFields: fields, [kind.dataKey]: after, ...eventData });
    }
    return fields;
  }

  /** Records a removal: every field that had a value, now gone. */
  removed(kind: RecordKind, customerId: string, id: string, before: Snapshot): void {
    this.record(kind, customerId, id, 'REMOVED', before, {});
    this.event(`${kind.eventPrefix}.removed`, id, { customerId, [`${kind.dataKey}Id`]: id, [kind.dataKey]: before });
  }

  /** Change records only, for changes whose event says more than created/updated/removed. */
  record(kind: RecordKind, customerId: string, id: string, action: ChangeAction, before: Snapshot, after: Snapshot): string[] {
    const fields = changedFields(before, after);
    for (const field of fields) {
      this.changes.push({
        id: newId(),
        customer_id: customerId,
        entity_type: kind.entityType,
        entity_id: id,
        action,
        field: `${kind.fieldPrefix}${field}`,
        before: asText(before[field]),
        after: asText(after[field]),
      });
    }
    return fields;
  }

  event(type: string, subject: string, data: Record<string, unknown>): void {
    this.add({ type, subject, data });
  }

  add(event: DomainEvent): void {
    this.events.push(event);
  }

  /** Writes the collected change records, then the events (after the changes, as `recordEvents` asks). */
  async save(): Promise<void> {
    if (this.changes.length > 0) {
      await this.tx.execute(
        `INSERT INTO customers.change_record (id, tenant_id, customer_id, entity_type, entity_id, action, field, before, after, changed_by, operation_id)
         SELECT r.id, ?, r.customer_id, r.entity_type, r.entity_id, r.action, r.field, r.before, r.after, ?, ?
         FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, entity_type text, entity_id uuid, action text, field text, before text, after text)`,
        [this.tenantId, this.who, this.operationId, JSON.stringify(this.changes)],
      );
    }
    await recordEvents(this.tx, 'customers', this.tenantId, this.events);
  }
}

/** The `<kind>.created` event of a new record (the demo data records it too, for its past). */
export function createdEvent(kind: RecordKind, customerId: string, id: string, after: Snapshot): DomainEvent {
  return { type: `${kind.eventPrefix}.created`, subject: id, data: { customerId, [`${kind.dataKey}Id`]: id, changedFields: changedFields({}, after), [kind.dataKey]: after } };
}

/** A stale version is a CONFLICT on the field that carried it, never a silent overwrite. */
export function checkVersion(what: string, current: number, expected: number | null | undefined, field: string): void {
  if (expected != null && expected !== current) {
    throw conflict(`${what} was changed by someone else (version ${current}, yours ${expected}); reload and retry`, field);
  }
}

/** Fields whose value differs between two snapshots, in the order they appear. */
export function changedFields(before: Snapshot, after: Snapshot): string[] {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields.filter((field) => asText(before[field]) !== asText(after[field]));
}

/** A value as change history shows it: text as is, dates as ISO-8601, lists and objects as JSON. */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Unique index name → the input field a duplicate is reported on. */
export type UniqueFields = Record<string, { field: string; message: string }>;

/**
 * Runs a write and turns a unique-index violation named in `fields` into a
 * CONFLICT on the input field it concerns (the transaction has rolled back).
 */
export async function withUniqueFields<T>(fields: UniqueFields, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = error instanceof UniqueConstraintViolationException ? (error as { constraint?: string }).constraint : undefined;
    const known = constraint ? fields[constraint] : undefined;
    if (known) throw conflict(known.message, known.field);
    throw error;
  }
}
