import { DemoHistory, uuidArray, type EntityManager } from '@c360/kit';
import { DispatchJob } from './modules/dispatch/dispatch.entity.ts';
import { dispatchEvent } from './modules/dispatch/dispatch.service.ts';
import { TicketMessage } from './modules/ticket/ticket-message.entity.ts';
import { messagePostedEvent, noteAddedEvent } from './modules/ticket/ticket-message.service.ts';
import { Ticket } from './modules/ticket/ticket.entity.ts';
import { eventData, statusChangedEvents } from './modules/ticket/ticket.service.ts';
import { WorkOrder } from './modules/work-order/work-order.entity.ts';
import { workOrderCompletedEvent, workOrderCreatedEvent } from './modules/work-order/work-order.service.ts';

type Row = Record<string, unknown>;

/** The support rows one demo seed inserted, as the database returned them. */
export interface InsertedSupportRows {
  tickets: Row[];
  messages: Row[];
  jobs: Row[];
  workOrders: Row[];
}

/**
 * The events the demo's support rows would have produced, built by the same
 * functions as the API, each at the time its row says it happened: tickets
 * opened, taken in hand (the first answer), resolved and closed, their
 * conversations and internal notes, field visits booked, started and done,
 * work orders opened and completed. Only rows this seed inserted count, so a
 * rerun records nothing.
 */
export async function recordDemoHistory(em: EntityManager, tenantId: string, rows: InsertedSupportRows): Promise<void> {
  const history = new DemoHistory(em, 'support', tenantId);

  const tickets = new Map(history.entities(Ticket, rows.tickets).map((ticket) => [ticket.id, ticket]));
  for (const ticket of tickets.values()) {
    history.add({ type: 'ticket.opened', subject: ticket.id, data: eventData(ticket) }, ticket.createdAt);
    // Someone answered: the ticket was in hand from then on, until it was resolved (and then closed) or to this day.
    const inHand = ticket.firstResponseAt ? (ticket.resolvedAt ? 'IN_PROGRESS' : ticket.status) : 'OPEN';
    if (inHand !== 'OPEN') history.add(statusChangedEvents(ticket, 'OPEN', inHand, ticket.firstResponseAt!), ticket.firstResponseAt);
    if (ticket.resolvedAt) history.add(statusChangedEvents(ticket, inHand, 'RESOLVED', ticket.resolvedAt), ticket.resolvedAt);
    if (ticket.status === 'CLOSED') history.add(statusChangedEvents(ticket, 'RESOLVED', 'CLOSED', ticket.updatedAt), ticket.updatedAt);
  }
  for (const message of history.entities(TicketMessage, rows.messages)) {
    const ticket = tickets.get(message.ticketId);
    if (!ticket) continue;
    const firstResponse = message.direction === 'OUTBOUND' && ticket.firstResponseAt?.getTime() === message.createdAt.getTime();
    history.add(message.internal ? noteAddedEvent(ticket, message) : messagePostedEvent(ticket, message, firstResponse), message.createdAt);
  }

  const jobs = history.entities(DispatchJob, rows.jobs);
  const crews = jobs.length === 0 ? [] : await em.execute<{ dispatch_job_id: string; technician_id: string }[]>(
    'SELECT dispatch_job_id, technician_id FROM support.dispatch_assignment WHERE tenant_id = ? AND dispatch_job_id = ANY(?::uuid[]) ORDER BY position',
    [tenantId, uuidArray(jobs.map((job) => job.id))]);
  for (const job of jobs) {
    const ticket = tickets.get(job.ticketId);
    if (!ticket) continue;
    const crew = crews.filter((row) => row.dispatch_job_id === job.id).map((row) => ({ id: row.technician_id }));
    history.add(dispatchEvent('dispatch.scheduled', { ...job, status: 'SCHEDULED' }, ticket, crew), job.createdAt);
    if (job.status === 'DONE') {
      history.add(dispatchEvent('dispatch.status_changed', { ...job, status: 'ON_SITE' }, ticket, crew, { from: 'SCHEDULED', to: 'ON_SITE' }), job.scheduledStart);
      history.add(dispatchEvent('dispatch.status_changed', job, ticket, crew, { from: 'ON_SITE', to: 'DONE' }), job.updatedAt);
    }
  }
  // A completed work order's event names its technicians, read through the ORM: tenant-scoped, in the seed's transaction.
  const scoped = em.fork({ keepTransactionContext: true });
  scoped.setFilterParams('tenant', { tenantId });
  for (const workOrder of history.entities(WorkOrder, rows.workOrders)) {
    history.add(workOrderCreatedEvent({ ...workOrder, status: 'OPEN', completedAt: null }), workOrder.createdAt);
    if (workOrder.completedAt) history.add(await workOrderCompletedEvent(scoped, workOrder), workOrder.completedAt);
  }
  await history.record();
}
