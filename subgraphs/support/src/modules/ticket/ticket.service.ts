import { LockMode } from '@mikro-orm/core';
import {
  RequestScopedService, badInput, DomainError, ErrorCode, newId, pageRequest, recordEvents, requireUuid,
  type Connection, type PageArgs,
} from '@c360/kit';
import { formatTicketNumber, Ticket, type TicketChannel, type TicketPriority, type TicketStatus } from './ticket.entity.ts';
import type { TicketLoaders } from './ticket.loader.ts';
import { canChangeStatus, isDone, NEXT_STATUSES } from './ticket.status.ts';

export interface OpenTicketInput {
  customerId: string;
  locationId?: string | null;
  subject: string;
  description?: string | null;
  priority?: TicketPriority | null;
  channel?: TicketChannel | null;
}

export interface ChangeTicketStatusInput {
  ticketId: string;
  status: TicketStatus;
}

export const SUBJECT_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 10_000;

export class TicketService extends RequestScopedService<TicketLoaders> {

  get(id: string): Promise<Ticket | null> {
    return this.loaders.ticketById.load(requireUuid(id, 'id'));
  }

  /** The customer's tickets, newest first; batched with every other customer of the request. */
  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Ticket>> {
    return this.loaders.ticketsByCustomer.load({ key: customerId, args: pageRequest(args) });
  }

  /** The location's tickets, newest first; batched with every other location of the request. */
  forLocation(locationId: string, args: PageArgs): Promise<Connection<Ticket>> {
    return this.loaders.ticketsByLocation.load({ key: locationId, args: pageRequest(args) });
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
        `INSERT INTO support.ticket (id, tenant_id, number, customer_id, location_id, subject, description, priority, channel)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING *`,
        [newId(), this.tenantId, counter!.last_number, values.customerId, values.locationId, values.subject, values.description, values.priority, values.channel],
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
    const ticketId = requireUuid(input.ticketId, 'input.ticketId');
    return this.em.transactional(async (tx) => {
      const ticket = await tx.findOne(Ticket, { id: ticketId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!ticket) throw new DomainError(ErrorCode.NotFound, 'Ticket not found', 'input.ticketId');
      const from = ticket.status;
      const to = input.status;
      if (!canChangeStatus(from, to)) throw badInput('input.status', transitionError(from, to));
      const now = new Date();
      // Reopening clears the resolution time; closing keeps it.
      tx.assign(ticket, { status: to, resolvedAt: to === 'RESOLVED' ? now : isDone(to) ? ticket.resolvedAt : null, updatedAt: now });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [
        { type: 'ticket.status_changed', subject: ticket.id, data: { ...eventData(ticket), from, to } },
        ...(to === 'RESOLVED'
          ? [{ type: 'ticket.resolved', subject: ticket.id, data: { ...eventData(ticket), resolvedAt: now.toISOString() } }]
          : []),
      ]);
      return { ticket };
    });
  }
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
  return { customerId, locationId, subject, description, priority: input.priority ?? 'NORMAL', channel: input.channel ?? 'PHONE' };
}

function transitionError(from: TicketStatus, to: TicketStatus): string {
  const allowed = NEXT_STATUSES[from];
  if (allowed.length === 0) return `cannot change from ${from}: a ${from} ticket is final`;
  return `cannot change from ${from} to ${to}; from ${from} it can become ${allowed.join(', ')}`;
}

/** What every ticket event carries, so that consumers need no lookup. */
function eventData(ticket: Ticket) {
  return { customerId: ticket.customerId, ticketId: ticket.id, number: formatTicketNumber(ticket.number), locationId: ticket.locationId ?? null };
}
