import type { EntityDictionary, EntityName } from '@mikro-orm/core';
import {
  emptyConnection, groupedByArgsLoader, groupedLoader, isUuid, keyedLoader, rowReader, uuidArray,
  type Connection, type EntityManager, type PageRequest,
} from '@c360/kit';
import { Customer } from './modules/customer/customer.entity.ts';
import { Contact } from './modules/contact/contact.entity.ts';
import { CustomerAddress } from './modules/address/address.entity.ts';
import { PartnerLink } from './modules/partner/partner.entity.ts';
import { LifeEvent } from './modules/life-event/life-event.entity.ts';
import { EmailMessage } from './modules/email/email.entity.ts';
import { Note } from './modules/note/note.entity.ts';
import { Suspension } from './modules/status/suspension.entity.ts';
import { ChangeRecord } from './modules/history/change-record.entity.ts';
import { recordPages, type RecordPageQuery } from './modules/shared/record-pages.ts';
import { TimelineEntry } from './modules/timeline/timeline.entity.ts';
import type { TimelineFilter } from './modules/timeline/timeline.service.ts';

/** Filters of `Customer.changes`, part of the loader key: requests asking the same share one statement. */
export interface ChangeFilter {
  request: PageRequest;
  field: string | null;
  from: string | null;
  to: string | null;
}

type PageLoader<T, A = PageRequest> = ReturnType<typeof groupedByArgsLoader<string, A, Connection<T>>>;

/**
 * Per-request loaders of the customers subgraph. Whatever the number of
 * customers in a request, each loader sends one statement per tick (ids as one
 * `uuid[]` parameter, pages through one LATERAL statement).
 */
export interface CustomersLoaders {
  /** Customers by id within the request's tenant (the tenant filter applies). */
  customerById: ReturnType<typeof keyedLoader<string, Customer>>;
  /** Current contacts, the principal first, then oldest first. */
  contactsByCustomer: ReturnType<typeof groupedLoader<string, Contact>>;
  /** Current addresses, oldest first. */
  addressesByCustomer: ReturnType<typeof groupedLoader<string, CustomerAddress>>;
  /** Current partner links on either side of each customer, oldest first. */
  partnersByCustomer: ReturnType<typeof groupedLoader<string, { sideId: string; link: PartnerLink }>>;
  /** The suspension in force, if any. */
  currentSuspension: ReturnType<typeof keyedLoader<string, Suspension>>;
  /** Every suspension, newest first. */
  suspensionsByCustomer: ReturnType<typeof groupedLoader<string, Suspension>>;
  lifeEventPages: PageLoader<LifeEvent>;
  emailPages: PageLoader<EmailMessage>;
  notePages: PageLoader<Note>;
  changePages: PageLoader<ChangeRecord, ChangeFilter>;
  timelinePages: PageLoader<TimelineEntry, TimelineFilter>;
}

export function createCustomersLoaders(em: EntityManager, tenantId: string): CustomersLoaders {
  const rows = (sql: string, ids: readonly string[]) => em.execute<Record<string, unknown>[]>(sql, [tenantId, uuidArray(ids)]);
  const pages = <T extends { id: string }>(entity: EntityName<T>, query: RecordPageQuery) =>
    groupedByArgsLoader<string, PageRequest, Connection<T>>(
      (ids, request) => recordPages(em, tenantId, ids, query, request, (row) => em.map(entity, row as EntityDictionary<T>)),
      () => emptyConnection<T>(),
    );
  return {
    // Every reference to a customer (the 360, other subgraphs' entities) comes through here: plain rows, no ORM query builder.
    customerById: keyedLoader(async (ids) => {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      return (await rows('SELECT * FROM customers.customer WHERE tenant_id = ? AND id = ANY(?::uuid[])', valid)).map(rowReader(em, Customer));
    }, (customer) => customer.id),
    contactsByCustomer: groupedLoader(
      async (ids) => (await rows(`SELECT * FROM customers.contact WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND removed_at IS NULL
        ORDER BY customer_id, is_principal DESC, created_at, id`, ids)).map((row) => em.map(Contact, row)),
      (contact) => contact.customerId,
    ),
    addressesByCustomer: groupedLoader(
      async (ids) => (await rows(`SELECT * FROM customers.customer_address WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND removed_at IS NULL
        ORDER BY customer_id, created_at, id`, ids)).map((row) => em.map(CustomerAddress, row)),
      (address) => address.customerId,
    ),
    // A link shows on both of its customers: one row per side, each index-served.
    partnersByCustomer: groupedLoader(
      async (ids) => (await em.execute<Record<string, unknown>[]>(
        `SELECT l.customer_id AS side_id, l.* FROM customers.partner_link l
         WHERE l.tenant_id = ? AND l.customer_id = ANY(?::uuid[]) AND l.removed_at IS NULL
         UNION ALL
         SELECT l.partner_customer_id AS side_id, l.* FROM customers.partner_link l
         WHERE l.tenant_id = ? AND l.partner_customer_id = ANY(?::uuid[]) AND l.removed_at IS NULL
         ORDER BY side_id, created_at, id`,
        [tenantId, uuidArray(ids), tenantId, uuidArray(ids)],
      )).map(({ side_id: sideId, ...row }) => ({ sideId: sideId as string, link: em.map(PartnerLink, row) })),
      (side) => side.sideId,
    ),
    currentSuspension: keyedLoader(
      async (ids) => (await rows(`SELECT * FROM customers.suspension WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND lifted_at IS NULL`, ids))
        .map((row) => em.map(Suspension, row)),
      (suspension) => suspension.customerId,
    ),
    suspensionsByCustomer: groupedLoader(
      async (ids) => (await rows(`SELECT * FROM customers.suspension WHERE tenant_id = ? AND customer_id = ANY(?::uuid[])
        ORDER BY customer_id, suspended_at DESC, id DESC`, ids)).map((row) => em.map(Suspension, row)),
      (suspension) => suspension.customerId,
    ),
    lifeEventPages: pages<LifeEvent>(LifeEvent, {
      table: 'customers.life_event', order: [{ column: 'occurs_on', type: 'date' }], where: { sql: 't.removed_at IS NULL', params: [] },
    }),
    emailPages: pages<EmailMessage>(EmailMessage, { table: 'customers.email_message', order: [{ column: 'sent_at', type: 'timestamptz' }] }),
    notePages: pages<Note>(Note, {
      table: 'customers.note',
      order: [{ column: 'pinned', type: 'boolean' }, { column: 'created_at', type: 'timestamptz' }],
      where: { sql: 't.removed_at IS NULL', params: [] },
    }),
    changePages: groupedByArgsLoader<string, ChangeFilter, Connection<ChangeRecord>>(
      (ids, filter) => recordPages(em, tenantId, ids, changeQuery(filter), filter.request, (row) => em.map(ChangeRecord, row)),
      () => emptyConnection<ChangeRecord>(),
    ),
    timelinePages: groupedByArgsLoader<string, TimelineFilter, Connection<TimelineEntry>>(
      (ids, filter) => recordPages(em, tenantId, ids, timelineQuery(filter), filter.request, (row) => em.map(TimelineEntry, row)),
      () => emptyConnection<TimelineEntry>(),
    ),
  };
}

/** The conditions given (each with its parameters), joined for `RecordPageQuery.where`. */
function whereOf(conditions: ({ sql: string; params: unknown[] } | null)[]): Pick<RecordPageQuery, 'where'> {
  const applied = conditions.filter((condition) => condition !== null);
  if (applied.length === 0) return {};
  return { where: { sql: applied.map((condition) => condition.sql).join(' AND '), params: applied.flatMap((condition) => condition.params) } };
}

/**
 * `Customer.timeline`: newest first, optionally some types and a period. A
 * types filter always names families (a type's first segment), so the index
 * `(tenant, customer, family, occurred_at, id)` serves it; exact types then
 * narrow within their family. Types were validated (no commas or quotes).
 */
function timelineQuery(filter: TimelineFilter): RecordPageQuery {
  const list = (values: string[]) => `{${values.join(',')}}`;
  const types = filter.types;
  return {
    table: 'customers.timeline_entry',
    order: [{ column: 'occurred_at', type: 'timestamptz' }],
    ...whereOf([
      types ? {
        sql: 't.family = ANY(?::text[]) AND (t.type = ANY(?::text[]) OR t.family = ANY(?::text[]))',
        params: [
          list([...new Set(types.map((type) => type.split('.')[0]!))]),
          list(types.filter((type) => !type.endsWith('.*'))),
          list(types.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -2))),
        ],
      } : null,
      filter.from ? { sql: 't.occurred_at >= ?::timestamptz', params: [filter.from] } : null,
      filter.to ? { sql: 't.occurred_at < ?::timestamptz', params: [filter.to] } : null,
    ]),
  };
}

/** `Customer.changes`: newest first, optionally one field and a period, on `(tenant, customer[, field], changed_at, id)`. */
function changeQuery(filter: ChangeFilter): RecordPageQuery {
  return {
    table: 'customers.change_record',
    order: [{ column: 'changed_at', type: 'timestamptz' }],
    ...whereOf([
      filter.field ? { sql: 't.field = ?', params: [filter.field] } : null,
      filter.from ? { sql: 't.changed_at >= ?::timestamptz', params: [filter.from] } : null,
      filter.to ? { sql: 't.changed_at < ?::timestamptz', params: [filter.to] } : null,
    ]),
  };
}
