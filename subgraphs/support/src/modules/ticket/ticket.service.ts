import { LockMode } from '@mikro-orm/core';
import {
  RequestScopedService, badInput, DomainError, ErrorCode, newId, pageRequest, recordEvents, requireUuid,
  type Connection, type DomainEvent, type EntityManager, type PageArgs,
} from '@c360/kit';
import type { SupportLoaders } from '../../loaders.ts';
import { toPeriod, type PeriodInput } from '../shared/period.ts';
import type { Department } from '../technician/technician.entity.ts';
import { requireTechnicians } from '../technician/technician.loader.ts';
import { formatTicketNumber, Ticket, type TicketChannel, type TicketPriority, type TicketStatus } from './ticket.entity.ts';
import type { TicketFilter } from './ticket.loader.ts';
import { canChangeStatus, isDone, NEXT_STATUSES } from './ticket.status.ts';

export interface OpenTicketInput {
  customerId: string;
  locationId?: string | null;
  subject: string;
  description?: string | null;
  priority?: TicketPriority | null;
  channel?: TicketChannel | null;
  department?: Department | null;
  assigneeId?: string | null;
}

/** `Customer.tickets` and `ServiceLocation.tickets` arguments. */
export interface TicketListArgs extends PageArgs {
  status?: TicketStatus[] | null;
  period?: PeriodInput | null;
}

export interface AssignTicketInput {
  ticketId: string;
  /** Null takes the ticket off whoever had it. */
  technicianId?: string | null;
  /** Unchanged when omitted. */
  department?: Department | null;
}

export interface ChangeTicketStatusInput {
  ticketId: string;
  status: TicketStatus;
}

export const SUBJECT_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 10_000;

export class TicketService extends RequestScopedService<SupportLoaders> {

  get(id: string): Promise<Ticket | null> {
    return this.loaders.ticketById.load(requireUuid(id, 'id'));
  }

  /** The customer's tickets, newest first; batched with every other customer of the request. */
  forCustomer(customerId: string, args: TicketListArgs): Promise<Connection<Ticket>> {
    return this.loaders.ticketsByCustomer.load({ key: customerId, args: listArgs(args) });
  }

  /** The location's tickets, newest first; batched with every other location of the request. */
  forLocation(locationId: string, args: TicketListArgs): Promise<Connection<Ticket>> {
    return this.loaders.ticketsByLocation.load({ key: locationId, args: listArgs(args) });
  }

  /** Active tickets (OPEN, IN_PROGRESS, WAITING_CUSTOMER) of the customer. */
  async openCount(customerId: string): Promise<number> {
    return (await this.loaders.openTicketCountByCustomer.load(customerId))?.count ?? 0;
  }

  /**
   * Opens a ticket with the tenant's next number. The customer and location
   * belong to other subgraphs, so only the ids' form is checked here.
   */
  async open(input: OpenTicketInput): Promise<{ ticket: Ticket }> {
    const values = validateOpen(input);
    if (values.assigneeId) await requireTechnicians(this.loaders, [values.assigneeId], () => 'input.assigneeId', true);
    return this.em.transactional(async (tx) => {
      // The counter row stays locked until commit, so numbers are handed out one
      // transaction at a time, and a rollback gives its number back: no gaps.
      const [counter] = await tx.execute<{ last_number: number }[]>(
        `INSERT INTO support.ticket_counter AS c (tenant_id, last_number) VALUES (?, 1)
         ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + 1
         RETURNING c.last_number`,
        [this.tenantId],
      );
      const inserted = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO support.ticket (id, tenant_id, number, customer_id, location_id, subject, description, priority, channel, department, assignee_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING *`,
        [
          newId(), this.tenantId, counter!.last_number, values.customerId, values.locationId, values.subject, values.description,
          values.priority, values.channel, values.department, values.assigneeId,
        ],
      );
      const ticket = tx.map(Ticket, inserted[0]!);
      await recordEvents(tx, 'support', this.tenantId, [
        { type: 'ticket.opened', subject: ticket.id, data: eventData(ticket) },
      ]);
      return { ticket };
    });
  }

  /**
   * Moves a ticket along its workflow (see NEXT_STATUSES). The row lock makes
   * concurrent changes run one after the other, each checked against the
   * status the previous one left.
   */
  async changeStatus(input: ChangeTicketStatusInput): Promise<{ ticket: Ticket }> {
    return this.em.transactional(async (tx) => {
      const ticket = await lockTicket(tx, input.ticketId);
      const from = ticket.status;
      const to = input.status;
      if (!canChangeStatus(from, to)) throw badInput('input.status', transitionError(from, to));
      const now = new Date();
      // Reopening clears the resolution time; closing keeps it.
      tx.assign(ticket, { status: to, resolvedAt: to === 'RESOLVED' ? now : isDone(to) ? ticket.resolvedAt : null, updatedAt: now });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, statusChangedEvents(ticket, from, to, now));
      return { ticket };
    });
  }

  /**
   * Routes a ticket to a department and / or a technician (active, of the
   * tenant). A CLOSED ticket is final and cannot be reassigned.
   */
  async assign(input: AssignTicketInput): Promise<{ ticket: Ticket }> {
    const technicianId = input.technicianId ? requireUuid(input.technicianId, 'input.technicianId').toLowerCase() : null;
    if (technicianId) await requireTechnicians(this.loaders, [technicianId], () => 'input.technicianId', true);
    return this.em.transactional(async (tx) => {
      const ticket = await lockTicket(tx, input.ticketId);
      if (ticket.status === 'CLOSED') throw badInput('input.ticketId', `${formatTicketNumber(ticket.number)} is CLOSED and can no longer change`);
      tx.assign(ticket, { assigneeId: technicianId, department: input.department ?? ticket.department, updatedAt: new Date() });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [
        { type: 'ticket.assigned', subject: ticket.id, data: { ...eventData(ticket), assigneeId: ticket.assigneeId ?? null, department: ticket.department } },
      ]);
      return { ticket };
    });
  }
}

/**
 * Reads and row-locks a ticket of the transaction's tenant for a change: changes
 * to one ticket (status, messages, assignment) run one after the other.
 */
export async function lockTicket(tx: EntityManager, id: string, field = 'input.ticketId'): Promise<Ticket> {
  const ticket = await tx.findOne(Ticket, { id: requireUuid(id, field) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!ticket) throw new DomainError(ErrorCode.NotFound, 'Ticket not found', field);
  return ticket;
}

function listArgs(args: TicketListArgs) {
  const filter: TicketFilter = { statuses: [...new Set(args.status ?? [])].sort(), period: toPeriod(args.period) };
  return { page: pageRequest(args), filter };
}

function validateOpen(input: OpenTicketInput) {
  const customerId = requireUuid(input.customerId, 'input.customerId');
  const locationId = input.locationId ? requireUuid(input.locationId, 'input.locationId') : null;
  const subject = input.subject.trim();
  if (!subject) throw badInput('input.subject', 'must not be empty');
  // Code points, as PostgreSQL's char_length counts them in the table's CHECK.
  const subjectLength = [...subject].length;
  if (subjectLength > SUBJECT_MAX_LENGTH) {
    throw badInput('input.subject', `must be at most ${SUBJECT_MAX_LENGTH} characters (it has ${subjectLength})`);
  }
  const description = input.description?.trim() || null;
  if (description && [...description].length > DESCRIPTION_MAX_LENGTH) {
    throw badInput('input.description', `must be at most ${DESCRIPTION_MAX_LENGTH} characters`);
  }
  const assigneeId = input.assigneeId ? requireUuid(input.assigneeId, 'input.assigneeId').toLowerCase() : null;
  return {
    customerId, locationId, subject, description, priority: input.priority ?? 'NORMAL', channel: input.channel ?? 'PHONE',
    department: input.department ?? 'TECHNICAL_SUPPORT', assigneeId,
  };
}

function transitionError(from: TicketStatus, to: TicketStatus): string {
  const allowed = NEXT_STATUSES[from];
  if (allowed.length === 0) return `cannot change from ${from}: a ${from} ticket is final`;
  return `cannot change from ${from} to ${to}; from ${from} it can become ${allowed.join(', ')}`;
}

/** What every ticket event carries, so that consumers need no lookup. */
/** `ticket.status_changed`, and `ticket.resolved` when it was resolved at `at` (the demo data records them too, for its past). */
export function statusChangedEvents(ticket: Ticket, from: TicketStatus, to: TicketStatus, at: Date): DomainEvent[] {
  return [
    { type: 'ticket.status_changed', subject: ticket.id, data: { ...eventData(ticket), from, to } },
    ...(to === 'RESOLVED' ? [{ type: 'ticket.resolved', subject: ticket.id, data: { ...eventData(ticket), resolvedAt: at.toISOString() } }] : []),
  ];
}

export function eventData(ticket: Ticket) {
  return { customerId: ticket.customerId, ticketId: ticket.id, number: formatTicketNumber(ticket.number), locationId: ticket.locationId ?? null };
}
