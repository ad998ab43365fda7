import { LockMode } from '@mikro-orm/core';
import {
  RequestScopedService, type RequestScope, amount, badInput, conflict, DomainError, ErrorCode, money, newId, pageRequest, recordEvents, requireUuid,
  type Connection, type DomainEvent, type EntityManager, type MoneyValue, type PageArgs,
} from '@c360/kit';
import type { SupportLoaders } from '../../loaders.ts';
import { toPeriod, type PeriodInput } from '../shared/period.ts';
import { requireTechnicians } from '../technician/technician.loader.ts';
import { Technician } from '../technician/technician.entity.ts';
import type { Ticket } from '../ticket/ticket.entity.ts';
import { WorkOrder, type ItemRow, type VisitRow } from './work-order.entity.ts';
import {
  checkTotals, toMoneyString, validItems, validLabourRate, validNote, validVisits,
  type ValidItem, type ValidVisit, type WorkOrderContentInput,
} from './work-order.input.ts';
import { billedHours, priceWorkOrder, type PricedWorkOrder } from './work-order.pricing.ts';
import type { WorkOrderProfiles } from './work-order.profile.ts';

export interface CreateWorkOrderInput extends WorkOrderContentInput {
  customerId: string;
  locationId?: string | null;
  ticketId?: string | null;
  dispatchJobId?: string | null;
}

export interface UpdateWorkOrderInput extends WorkOrderContentInput {
  workOrderId: string;
  version: number;
}

/** completeWorkOrder and cancelWorkOrder: the work order as the caller last read it. */
export interface WorkOrderVersionInput {
  workOrderId: string;
  version: number;
}

export interface WorkOrderVisitView {
  technicianId: string;
  arrivedAt: Date;
  departedAt: Date;
  /** Billed hours: hundredths of an hour. */
  hours: number;
}

export interface LabourLineView {
  technicianId: string;
  hours: number;
  rate: MoneyValue;
  amount: MoneyValue;
}

export class WorkOrderService extends RequestScopedService<SupportLoaders> {
  private readonly profiles: WorkOrderProfiles;

  constructor(deps: RequestScope<SupportLoaders> & { profiles: WorkOrderProfiles }) {
    super(deps);
    this.profiles = deps.profiles;
  }

  get(id: string): Promise<WorkOrder | null> {
    return this.loaders.workOrderById.load(requireUuid(id, 'id'));
  }

  forCustomer(customerId: string, args: PageArgs): Promise<Connection<WorkOrder>> {
    return this.loaders.workOrdersByCustomer.load({ key: customerId.toLowerCase(), args: { page: pageRequest(args), filter: null } });
  }

  forLocation(locationId: string, args: PageArgs): Promise<Connection<WorkOrder>> {
    return this.loaders.workOrdersByLocation.load({ key: locationId.toLowerCase(), args: { page: pageRequest(args), filter: null } });
  }

  forTicket(ticket: Ticket): Promise<WorkOrder[]> {
    return this.loaders.workOrdersByTicket.load(ticket.id);
  }

  /** Work orders (visits to the address) started within the period, cancelled ones excepted. */
  visitCount(locationId: string, period: PeriodInput | null | undefined): Promise<number> {
    return this.loaders.visitCountByLocation.load({ key: locationId.toLowerCase(), args: toPeriod(period) });
  }

  /** Hours the technician (or every technician, when none is named) spent at the customer's within the period. */
  technicianHours(customerId: string, technicianId: string | null | undefined, period: PeriodInput | null | undefined): Promise<number> {
    const technician = technicianId ? requireUuid(technicianId, 'technicianId').toLowerCase() : null;
    return this.loaders.technicianHoursByCustomer.load({ key: customerId.toLowerCase(), args: { technicianId: technician, period: toPeriod(period) } });
  }

  async visits(workOrder: WorkOrder): Promise<WorkOrderVisitView[]> {
    return (await this.loaders.visitsByWorkOrder.load(workOrder.id)).map((row) => {
      const span = { arrivedAt: new Date(row.arrived_at), departedAt: new Date(row.departed_at) };
      return { technicianId: row.technician_id, ...span, hours: billedHours(span).toNumber() };
    });
  }

  async items(workOrder: WorkOrder) {
    return (await this.loaders.itemsByWorkOrder.load(workOrder.id)).map((row) => ({
      productCode: row.product_code,
      description: row.description,
      quantity: amount(row.quantity).toFixed(),
      unitPrice: money(row.unit_price, workOrder.currency),
      amount: money(row.amount, workOrder.currency),
    }));
  }

  /** One labour line per visit: billed hours × the work order's labour rate. */
  async labour(workOrder: WorkOrder): Promise<LabourLineView[]> {
    const visits = await this.visits(workOrder);
    const priced = priceWorkOrder(visits, [], workOrder.labourRate, []);
    return visits.map((visit, index) => ({
      technicianId: visit.technicianId,
      hours: visit.hours,
      rate: money(workOrder.labourRate, workOrder.currency),
      amount: money(priced.labour[index]!.amount, workOrder.currency),
    }));
  }

  taxes(workOrder: WorkOrder) {
    return workOrder.taxes.map((tax) => ({ code: tax.code, name: tax.name, rate: tax.rate, amount: money(tax.amount, workOrder.currency) }));
  }

  /**
   * Records a work order, OPEN. Linked to a dispatch job, it takes the job's
   * ticket and location; linked to a ticket, the ticket's location. Both must be
   * the customer's. A dispatch job has one live work order at most.
   */
  async create(input: CreateWorkOrderInput): Promise<{ workOrder: WorkOrder }> {
    const customerId = requireUuid(input.customerId, 'input.customerId').toLowerCase();
    const visits = validVisits(input.visits ?? []);
    const items = validItems(input.items ?? []);
    const note = validNote(input.note);
    await requireTechnicians(this.loaders, visits.map((visit) => visit.technicianId), (index) => `input.visits[${index}].technicianId`, false);
    const links = await this.links(customerId, input);
    const profile = await this.profiles.get();
    const labourRate = input.labourRate == null ? profile.labourRate : validLabourRate(input.labourRate);
    const priced = priceWorkOrder(visits, items, labourRate, profile.taxes);
    checkTotals(priced);

    return this.em.transactional(async (tx) => {
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO support.work_order (id, tenant_id, customer_id, location_id, ticket_id, dispatch_job_id, started_at, billable, note,
           currency, labour_rate, subtotal, taxes, tax_total, total)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
         ON CONFLICT DO NOTHING
         RETURNING *`,
        [
          newId(), this.tenantId, customerId, links.locationId, links.ticketId, links.dispatchJobId, startOf(visits), input.billable ?? true, note,
          profile.currency, labourRate, toMoneyString(priced.subtotal), JSON.stringify(appliedTaxes(priced)), toMoneyString(priced.taxTotal),
          toMoneyString(priced.total),
        ],
      );
      // Only the one-live-work-order-per-dispatch-job index can refuse a new row.
      if (!row) throw conflict('The dispatch job already has a work order; update that one', 'input.dispatchJobId');
      const workOrder = tx.map(WorkOrder, row);
      await writeLines(tx, workOrder, visits, items);
      await recordEvents(tx, 'support', this.tenantId, [workOrderCreatedEvent(workOrder)]);
      return { workOrder };
    });
  }

  /**
   * Changes an OPEN work order; visits and items, when given, replace the old
   * ones. Money is derived again from the result, with the taxes the work order
   * was created with.
   */
  async update(input: UpdateWorkOrderInput): Promise<{ workOrder: WorkOrder }> {
    const newVisits = input.visits ? validVisits(input.visits) : null;
    const newItems = input.items ? validItems(input.items) : null;
    const note = input.note === undefined ? undefined : validNote(input.note);
    const labourRate = input.labourRate == null ? null : validLabourRate(input.labourRate);
    if (newVisits) {
      await requireTechnicians(this.loaders, newVisits.map((visit) => visit.technicianId), (index) => `input.visits[${index}].technicianId`, false);
    }
    return this.em.transactional(async (tx) => {
      const workOrder = await this.lockOpen(tx, input);
      const current = newVisits && newItems ? null : await linesOf(tx, workOrder);
      const visits = newVisits ?? current!.visits;
      const items = newItems ?? current!.items;
      const rate = labourRate ?? workOrder.labourRate;
      const priced = priceWorkOrder(visits, items, rate, workOrder.taxes);
      checkTotals(priced);
      if (newVisits || newItems) await writeLines(tx, workOrder, newVisits, newItems);
      tx.assign(workOrder, {
        ...(input.billable != null ? { billable: input.billable } : {}),
        ...(note !== undefined ? { note } : {}),
        startedAt: startOf(visits),
        labourRate: rate,
        subtotal: toMoneyString(priced.subtotal),
        taxes: appliedTaxes(priced),
        taxTotal: toMoneyString(priced.taxTotal),
        total: toMoneyString(priced.total),
      });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [{ type: 'work_order.updated', subject: workOrder.id, data: eventData(workOrder) }]);
      return { workOrder };
    });
  }

  /**
   * Completes an OPEN work order: it can no longer change. `work_order.completed`
   * carries what billing needs to invoice it when `billable` is true: the lines
   * (labour, then items) and the totals, with the same rounding as invoices.
   */
  async complete(input: WorkOrderVersionInput): Promise<{ workOrder: WorkOrder }> {
    return this.em.transactional(async (tx) => {
      const workOrder = await this.lockOpen(tx, input);
      tx.assign(workOrder, { status: 'COMPLETED', completedAt: new Date() });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [await workOrderCompletedEvent(tx, workOrder)]);
      return { workOrder };
    });
  }

  /** Cancels an OPEN work order: it no longer counts as a visit nor for hours, and frees its dispatch job for another one. */
  async cancel(input: WorkOrderVersionInput): Promise<{ workOrder: WorkOrder }> {
    return this.em.transactional(async (tx) => {
      const workOrder = await this.lockOpen(tx, input);
      tx.assign(workOrder, { status: 'CANCELLED' });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [{ type: 'work_order.cancelled', subject: workOrder.id, data: eventData(workOrder) }]);
      return { workOrder };
    });
  }

  /** Row-locks the work order, checks the caller's version, and that it can still change. */
  private async lockOpen(tx: EntityManager, input: WorkOrderVersionInput): Promise<WorkOrder> {
    const id = requireUuid(input.workOrderId, 'input.workOrderId');
    const workOrder = await tx.findOne(WorkOrder, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!workOrder) throw new DomainError(ErrorCode.NotFound, 'Work order not found', 'input.workOrderId');
    if (workOrder.version !== input.version) {
      throw conflict(`The work order was changed by someone else (version ${workOrder.version}, yours ${input.version}); reload and retry`, 'input.version');
    }
    if (workOrder.status !== 'OPEN') throw badInput('input.workOrderId', `the work order is ${workOrder.status} and can no longer change`);
    return workOrder;
  }

  private async links(customerId: string, input: CreateWorkOrderInput) {
    let ticketId = input.ticketId ? requireUuid(input.ticketId, 'input.ticketId').toLowerCase() : null;
    let locationId = input.locationId ? requireUuid(input.locationId, 'input.locationId').toLowerCase() : null;
    const dispatchJobId = input.dispatchJobId ? requireUuid(input.dispatchJobId, 'input.dispatchJobId').toLowerCase() : null;
    // The field the customer check blames: the link the caller gave.
    let ticketField = 'input.ticketId';
    if (dispatchJobId) {
      const job = await this.loaders.dispatchJobById.load(dispatchJobId);
      if (!job) throw new DomainError(ErrorCode.NotFound, 'Dispatch job not found', 'input.dispatchJobId');
      if (job.status === 'CANCELLED') throw badInput('input.dispatchJobId', 'the dispatch job was CANCELLED');
      if (ticketId && ticketId !== job.ticketId) throw badInput('input.ticketId', 'is not the ticket of the dispatch job');
      if (!ticketId) ticketField = 'input.dispatchJobId';
      ticketId = job.ticketId;
      locationId ??= job.locationId;
    }
    if (ticketId) {
      const ticket = await this.loaders.ticketById.load(ticketId);
      if (!ticket) throw new DomainError(ErrorCode.NotFound, 'Ticket not found', 'input.ticketId');
      if (ticket.customerId !== customerId) throw badInput(ticketField, 'belongs to another customer than input.customerId');
      locationId ??= ticket.locationId ?? null;
    }
    return { ticketId, locationId, dispatchJobId };
  }
}

const startOf = (visits: ValidVisit[]): Date => new Date(Math.min(...visits.map((visit) => visit.arrivedAt.getTime())));

const appliedTaxes = (priced: PricedWorkOrder) =>
  priced.taxes.map((tax) => ({ code: tax.code, name: tax.name, rate: tax.rate, amount: toMoneyString(tax.amount) }));

/** Replaces the visits and / or the items of a work order (null leaves them as they are). */
async function writeLines(tx: EntityManager, workOrder: WorkOrder, visits: ValidVisit[] | null, items: ValidItem[] | null): Promise<void> {
  if (visits) {
    await tx.execute('DELETE FROM support.work_order_visit WHERE tenant_id = ? AND work_order_id = ?', [workOrder.tenantId, workOrder.id]);
    await tx.execute(
      `INSERT INTO support.work_order_visit (work_order_id, position, tenant_id, technician_id, arrived_at, departed_at)
       SELECT ?, r.position, ?, r.technician_id, r.arrived_at, r.departed_at
       FROM jsonb_to_recordset(?::jsonb) AS r(position smallint, technician_id uuid, arrived_at timestamptz, departed_at timestamptz)`,
      [workOrder.id, workOrder.tenantId, JSON.stringify(visits.map((visit, position) => ({
        position, technician_id: visit.technicianId, arrived_at: visit.arrivedAt.toISOString(), departed_at: visit.departedAt.toISOString(),
      })))],
    );
  }
  if (items) {
    await tx.execute('DELETE FROM support.work_order_item WHERE tenant_id = ? AND work_order_id = ?', [workOrder.tenantId, workOrder.id]);
    await tx.execute(
      `INSERT INTO support.work_order_item (work_order_id, line_no, tenant_id, product_code, description, quantity, unit_price)
       SELECT ?, r.line_no, ?, r.product_code, r.description, r.quantity, r.unit_price
       FROM jsonb_to_recordset(?::jsonb) AS r(line_no smallint, product_code text, description text, quantity numeric, unit_price numeric)`,
      [workOrder.id, workOrder.tenantId, JSON.stringify(items.map((item, lineNo) => ({
        line_no: lineNo, product_code: item.productCode, description: item.description, quantity: item.quantity, unit_price: item.unitPrice,
      })))],
    );
  }
}

/** The visits and items as stored, read inside the transaction that holds the work order's lock. */
async function linesOf(tx: EntityManager, workOrder: WorkOrder): Promise<{ visits: ValidVisit[]; items: ValidItem[] }> {
  const [visits, items] = await Promise.all([
    tx.execute<VisitRow[]>('SELECT * FROM support.work_order_visit WHERE tenant_id = ? AND work_order_id = ? ORDER BY position', [workOrder.tenantId, workOrder.id]),
    tx.execute<ItemRow[]>('SELECT * FROM support.work_order_item WHERE tenant_id = ? AND work_order_id = ? ORDER BY line_no', [workOrder.tenantId, workOrder.id]),
  ]);
  return {
    visits: visits.map((row) => ({ technicianId: row.technician_id, arrivedAt: new Date(row.arrived_at), departedAt: new Date(row.departed_at) })),
    items: items.map((row) => ({ productCode: row.product_code, description: row.description, quantity: row.quantity, unitPrice: row.unit_price })),
  };
}

/**
 * The invoice lines of a completed work order, as billing's createInvoice takes
 * them (description, quantity up to 3 decimals, unit price up to 2): labour per
 * visit when labour is charged, then the items.
 */
/* A work order's creation, and its completion with what billing needs to invoice it (the demo data records them too, for its past). */
export function workOrderCreatedEvent(workOrder: WorkOrder): DomainEvent {
  return { type: 'work_order.created', subject: workOrder.id, data: eventData(workOrder) };
}

export async function workOrderCompletedEvent(tx: EntityManager, workOrder: WorkOrder): Promise<DomainEvent> {
  return { type: 'work_order.completed', subject: workOrder.id, data: { ...eventData(workOrder), ...(await invoiceData(tx, workOrder)) } };
}

async function invoiceData(tx: EntityManager, workOrder: WorkOrder) {
  const { visits, items } = await linesOf(tx, workOrder);
  const technicians = await tx.find(Technician, { id: { $in: visits.map((visit) => visit.technicianId) } });
  const nameOf = (id: string) => technicians.find((technician) => technician.id === id)?.name ?? 'technician';
  const labourLines = amount(workOrder.labourRate).isZero() ? [] : visits.map((visit) => ({
    description: `Labour: ${nameOf(visit.technicianId)}, ${visit.arrivedAt.toISOString().slice(0, 10)}`,
    quantity: billedHours(visit).toFixed(2),
    unitPrice: amount(workOrder.labourRate).toFixed(2),
  }));
  const itemLines = items.map((item) => ({
    description: item.description,
    ...(item.productCode ? { productCode: item.productCode } : {}),
    quantity: amount(item.quantity).toFixed(),
    unitPrice: amount(item.unitPrice).toFixed(2),
  }));
  return {
    lines: [...labourLines, ...itemLines],
    taxes: workOrder.taxes,
    completedAt: workOrder.completedAt?.toISOString() ?? null,
  };
}

/** What every work order event carries, so that consumers need no lookup. */
function eventData(workOrder: WorkOrder) {
  return {
    customerId: workOrder.customerId, workOrderId: workOrder.id, locationId: workOrder.locationId ?? null, ticketId: workOrder.ticketId ?? null,
    dispatchJobId: workOrder.dispatchJobId ?? null, status: workOrder.status, billable: workOrder.billable, currency: workOrder.currency,
    subtotal: workOrder.subtotal, taxTotal: workOrder.taxTotal, total: workOrder.total, version: workOrder.version,
  };
}
