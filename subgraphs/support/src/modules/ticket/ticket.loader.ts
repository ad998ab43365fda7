import { isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/pages.ts';
import { inPeriod, inValues } from '../shared/sql.ts';
import type { Period } from '../shared/period.ts';
import { ACTIVE_TICKET_STATUSES, Ticket, type TicketStatus } from './ticket.entity.ts';
import { TicketMessage } from './ticket-message.entity.ts';

/** What `Customer.tickets` and `ServiceLocation.tickets` filter on; an empty status list means every status. */
export interface TicketFilter {
  statuses: TicketStatus[];
  /** On the creation time. */
  period: Period;
}

/** Per-request loaders of tickets; each batch is one SQL statement, always scoped to the tenant. */
export interface TicketLoaders {
  /** Tickets by id within the request's tenant (the tenant filter applies). */
  ticketById: ReturnType<typeof keyedLoader<string, Ticket>>;
  /** A page of each customer's tickets, newest first: one statement for all customers asking for the same page and filter. */
  ticketsByCustomer: ChildPageLoader<Ticket, TicketFilter>;
  /** A page of each service location's tickets, newest first: one statement for all locations asking for the same page and filter. */
  ticketsByLocation: ChildPageLoader<Ticket, TicketFilter>;
  /** Active tickets per customer (null when none): one GROUP BY statement for all customers. */
  openTicketCountByCustomer: ReturnType<typeof keyedLoader<string, OpenTicketCount>>;
  /** A page of each ticket's customer-visible messages (filter `false`) or internal notes (`true`), newest first. */
  ticketMessages: ChildPageLoader<TicketMessage, boolean>;
}

export interface OpenTicketCount {
  customerId: string;
  count: number;
}

const TICKET_TABLE = 'support.ticket';

export function createTicketLoaders(em: EntityManager, tenantId: string): TicketLoaders {
  // Tickets per customer or location are few, so the (tenant, parent, created_at) index range
  // is short; the status is checked on it, and the period bounds it.
  const ticketsBy = (parentColumn: string) => childPageLoader(em, tenantId, {
    entity: Ticket,
    table: TICKET_TABLE,
    parentColumn,
    sortColumn: 'created_at',
    sortOf: (ticket) => ticket.createdAt,
    idOf: (ticket) => ticket.id,
    conditions: (filter: TicketFilter) => [...inValues('status', filter.statuses), ...inPeriod('created_at', filter.period)],
  });
  return {
    ticketById: keyedLoader(
      (ids) => em.find(Ticket, { id: { $in: ids.filter(isUuid) } }),
      (ticket) => ticket.id,
    ),
    ticketsByCustomer: ticketsBy('customer_id'),
    ticketsByLocation: ticketsBy('location_id'),
    openTicketCountByCustomer: keyedLoader(
      async (customerIds) => {
        const ids = customerIds.filter(isUuid);
        if (ids.length === 0) return [];
        // Served by the partial index of active tickets per customer.
        const rows = await em.execute<{ customer_id: string; count: number }[]>(
          `SELECT customer_id, count(*)::int AS count FROM ${TICKET_TABLE}
           WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND status IN (${ACTIVE_TICKET_STATUSES.map(() => '?').join(', ')})
           GROUP BY customer_id`,
          [tenantId, uuidArray(ids), ...ACTIVE_TICKET_STATUSES],
        );
        return rows.map((row) => ({ customerId: row.customer_id, count: row.count }));
      },
      (row) => row.customerId,
    ),
    // Served by (tenant, ticket, internal, created_at DESC, id DESC).
    ticketMessages: childPageLoader(em, tenantId, {
      entity: TicketMessage,
      table: 'support.ticket_message',
      parentColumn: 'ticket_id',
      sortColumn: 'created_at',
      sortOf: (message) => message.createdAt,
      idOf: (message) => message.id,
      conditions: (internal: boolean) => [internal ? 'internal' : 'NOT internal'],
    }),
  };
}
