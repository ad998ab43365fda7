import { groupedByArgsLoader, groupedLoader, isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/pages.ts';
import type { Period } from '../shared/period.ts';
import { WorkOrder, type ItemRow, type VisitRow } from './work-order.entity.ts';

/** `Customer.technicianHours` arguments: one technician or all of them, within a period. */
export interface HoursQuery {
  technicianId: string | null;
  period: Period;
}

export interface WorkOrderLoaders {
  /** Work orders by id within the request's tenant (the tenant filter applies). */
  workOrderById: ReturnType<typeof keyedLoader<string, WorkOrder>>;
  /** A page of each customer's work orders, newest first: one statement for all customers asking for the same page. */
  workOrdersByCustomer: ChildPageLoader<WorkOrder, null>;
  /** A page of each location's work orders, newest first: one statement for all locations asking for the same page. */
  workOrdersByLocation: ChildPageLoader<WorkOrder, null>;
  /** Each ticket's work orders, oldest first: one statement for all tickets. */
  workOrdersByTicket: ReturnType<typeof groupedLoader<string, WorkOrder>>;
  /** Each work order's visits (tech1, tech2): one statement for all work orders. */
  visitsByWorkOrder: ReturnType<typeof groupedLoader<string, VisitRow>>;
  /** Each work order's items in entry order: one statement for all work orders. */
  itemsByWorkOrder: ReturnType<typeof groupedLoader<string, ItemRow>>;
  /** Work orders (not cancelled) per location started within a period: one GROUP BY for all locations. */
  visitCountByLocation: ReturnType<typeof groupedByArgsLoader<string, Period, number>>;
  /** Hours on site per customer within a period: one GROUP BY for all customers. */
  technicianHoursByCustomer: ReturnType<typeof groupedByArgsLoader<string, HoursQuery, number>>;
}

const WORK_ORDER_TABLE = 'support.work_order';

export function createWorkOrderLoaders(em: EntityManager, tenantId: string): WorkOrderLoaders {
  const workOrdersBy = (parentColumn: string) => childPageLoader(em, tenantId, {
    entity: WorkOrder,
    table: WORK_ORDER_TABLE,
    parentColumn,
    sortColumn: 'started_at',
    sortOf: (workOrder) => workOrder.startedAt,
    idOf: (workOrder) => workOrder.id,
    conditions: () => [],
  });
  return {
    workOrderById: keyedLoader(
      (ids) => em.find(WorkOrder, { id: { $in: ids.filter(isUuid) } }),
      (workOrder) => workOrder.id,
    ),
    workOrdersByCustomer: workOrdersBy('customer_id'),
    workOrdersByLocation: workOrdersBy('location_id'),
    workOrdersByTicket: groupedLoader(
      (ticketIds) => em.find(WorkOrder, { ticketId: { $in: ticketIds.filter(isUuid) } }, { orderBy: { startedAt: 'ASC', id: 'ASC' } }),
      (workOrder) => workOrder.ticketId!,
    ),
    visitsByWorkOrder: groupedLoader(
      (workOrderIds) => em.execute<VisitRow[]>(
        `SELECT work_order_id, position, technician_id, arrived_at, departed_at FROM support.work_order_visit
         WHERE tenant_id = ? AND work_order_id = ANY(?::uuid[]) ORDER BY work_order_id, position`,
        [tenantId, uuidArray(workOrderIds)],
      ),
      (row) => row.work_order_id,
    ),
    itemsByWorkOrder: groupedLoader(
      (workOrderIds) => em.execute<ItemRow[]>(
        `SELECT work_order_id, line_no, product_code, description, quantity, unit_price, amount FROM support.work_order_item
         WHERE tenant_id = ? AND work_order_id = ANY(?::uuid[]) ORDER BY work_order_id, line_no`,
        [tenantId, uuidArray(workOrderIds)],
      ),
      (row) => row.work_order_id,
    ),
    // Served by (tenant, location, started_at DESC, id DESC).
    visitCountByLocation: groupedByArgsLoader(
      async (locationIds, period) => {
        const rows = await em.execute<{ location_id: string; count: number }[]>(
          `SELECT location_id, count(*)::int AS count FROM ${WORK_ORDER_TABLE}
           WHERE tenant_id = ? AND location_id = ANY(?::uuid[]) AND status <> 'CANCELLED'
             AND (?::timestamptz IS NULL OR started_at >= ?::timestamptz) AND (?::timestamptz IS NULL OR started_at < ?::timestamptz)
           GROUP BY location_id`,
          [tenantId, uuidArray(locationIds), period.from, period.from, period.to, period.to],
        );
        return new Map(rows.map((row) => [row.location_id, row.count]));
      },
      () => 0,
    ),
    // Each visit counts for the part of it inside the period (a missing bound is open), so a
    // visit across midnight splits between two days. Served by (tenant, customer, ...) on
    // work orders, then the visits' primary key (visits belong to their work order's tenant).
    technicianHoursByCustomer: groupedByArgsLoader(
      async (customerIds, query) => {
        const rows = await em.execute<{ customer_id: string; hours: string }[]>(
          `SELECT w.customer_id, round(sum(extract(epoch FROM upper(s.span) - lower(s.span))) / 3600, 2) AS hours
           FROM ${WORK_ORDER_TABLE} w
           JOIN support.work_order_visit v ON v.work_order_id = w.id
           CROSS JOIN LATERAL (SELECT tstzrange(v.arrived_at, v.departed_at) * tstzrange(?::timestamptz, ?::timestamptz) AS span) s
           WHERE w.tenant_id = ? AND w.customer_id = ANY(?::uuid[]) AND w.status <> 'CANCELLED'
             AND (?::uuid IS NULL OR v.technician_id = ?::uuid) AND NOT isempty(s.span)
           GROUP BY w.customer_id`,
          [query.period.from, query.period.to, tenantId, uuidArray(customerIds), query.technicianId, query.technicianId],
        );
        return new Map(rows.map((row) => [row.customer_id, Number(row.hours)]));
      },
      () => 0,
    ),
  };
}
