import type { EntityDictionary, EntityName } from '@mikro-orm/core';
import {
  emptyConnection, groupedByArgsLoader, groupedLoader, isUuid, keyedLoader, uuidArray,
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
}

export function createCustomersLoaders(em: EntityManager, tenantId: string): CustomersLoaders {
  const rows = (sql: string, ids: readonly string[]) => em.execute<Record<string, unknown>[]>(sql, [tenantId, uuidArray(ids)]);
  const pages = <T extends { id: string }>(entity: EntityName<T>, query: RecordPageQuery) =>
    groupedByArgsLoader<string, PageRequest, Connection<T>>(
      (ids, request) => recordPages(em, tenantId, ids, query, request, (row) => em.map(entity, row as EntityDictionary<T>)),
      () => emptyConnection<T>(),
    );
  return {
    customerById: keyedLoader((ids) => em.find(Customer, { id: { $in: ids.filter(isUuid) } }), (customer) => customer.id),
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
  };
}

/** `Customer.changes`: newest first, optionally one field and a period, on `(tenant, customer[, field], changed_at, id)`. */
function changeQuery(filter: ChangeFilter): RecordPageQuery {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: string) => {
    conditions.push(condition);
    params.push(value);
  };
  if (filter.field) add('t.field = ?', filter.field);
  if (filter.from) add('t.changed_at >= ?::timestamptz', filter.from);
  if (filter.to) add('t.changed_at < ?::timestamptz', filter.to);
  return {
    table: 'customers.change_record',
    order: [{ column: 'changed_at', type: 'timestamptz' }],
    ...(conditions.length > 0 ? { where: { sql: conditions.join(' AND '), params } } : {}),
  };
}
