import {
  childPages, emptyConnection, groupedByArgsLoader, isUuid, keyedLoader, uuidArray,
  type ChildPageQuery, type ChildPageRow, type Connection, type CursorPosition, type EntityManager, type PageRequest,
} from '@c360/kit';
import { ACTIVE_TICKET_STATUSES, Ticket } from './ticket.entity.ts';

type TicketPageLoader = ReturnType<typeof groupedByArgsLoader<string, PageRequest, Connection<Ticket>>>;

/** Per-request loaders of tickets; each batch is one SQL statement, always scoped to the tenant. */
export interface TicketLoaders {
  /** Tickets by id within the request's tenant (the tenant filter applies). */
  ticketById: ReturnType<typeof keyedLoader<string, Ticket>>;
  /** A page of each customer's tickets, newest first: one statement for all customers asking for the same page. */
  ticketsByCustomer: TicketPageLoader;
  /** A page of each service location's tickets, newest first: one statement for all locations asking for the same page. */
  ticketsByLocation: TicketPageLoader;
  /** Active tickets per customer (null when none): one GROUP BY statement for all customers. */
  openTicketCountByCustomer: ReturnType<typeof keyedLoader<string, OpenTicketCount>>;
}

export interface OpenTicketCount {
  customerId: string;
  count: number;
}

const TICKET_TABLE = 'support.ticket';

export function createTicketLoaders(em: EntityManager, tenantId: string): TicketLoaders {
  const pagesBy = (parentColumn: string): TicketPageLoader =>
    groupedByArgsLoader(
      (parentIds: string[], request: PageRequest) => ticketPages(em, tenantId, parentColumn, parentIds, request),
      () => emptyConnection<Ticket>(),
    );
  return {
    ticketById: keyedLoader(
      (ids) => em.find(Ticket, { id: { $in: ids.filter(isUuid) } }),
      (ticket) => ticket.id,
    ),
    ticketsByCustomer: pagesBy('customer_id'),
    ticketsByLocation: pagesBy('location_id'),
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
  };
}

type TicketPageRow = ChildPageRow & Record<string, unknown>;

async function ticketPages(
  em: EntityManager, tenantId: string, parentColumn: string, parentIds: string[], request: PageRequest,
): Promise<Map<string, Connection<Ticket>>> {
  // A parent id that is not a UUID (a forged representation) has no tickets; it must not reach the ::uuid[] cast.
  const ids = parentIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const query: ChildPageQuery = { table: TICKET_TABLE, parentColumn, sortColumn: 'created_at', sortType: 'timestamptz' };
  return childPages(
    (sql, params) => em.execute<TicketPageRow[]>(sql, params),
    { ...query, tenantId, parentIds: ids, request },
    ({ page_parent_id: _parent, total_count: _total, ...columns }) => em.map(Ticket, columns),
    ticketPosition,
  );
}

/** Where a ticket sits in the newest-first order; created_at has millisecond precision, like the ISO string. */
export const ticketPosition = (ticket: Ticket): CursorPosition => ({ sort: ticket.createdAt.toISOString(), id: ticket.id });

