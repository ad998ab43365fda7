import {
  RequestScopedService, type RequestScope, badInput, DomainError, ErrorCode, newId, pageRequest, recordEvents,
  type Caller, type Connection, type DomainEvent, type EntityManager, type PageArgs,
} from '@c360/kit';
import type { SupportLoaders } from '../../loaders.ts';
import { optionalText, requiredText } from '../shared/text.ts';
import { formatTicketNumber, type Ticket } from './ticket.entity.ts';
import { TicketMessage, type MessageDirection } from './ticket-message.entity.ts';
import { eventData, lockTicket } from './ticket.service.ts';

export interface PostTicketMessageInput {
  ticketId: string;
  direction: MessageDirection;
  body: string;
  /** Shown beside the message; defaults to "Customer" for INBOUND and to the caller for OUTBOUND. */
  authorName?: string | null;
}

export interface AddTicketNoteInput {
  ticketId: string;
  body: string;
}

export const BODY_MAX_LENGTH = 20_000;
const AUTHOR_MAX_LENGTH = 200;

/** Internal notes are staff-only: roles that may read them (a viewer or a partner key may not). */
export const NOTE_READER_ROLES: readonly string[] = ['admin', 'agent', 'technician'];

/** A ticket's conversation with the customer, and the internal notes beside it. */
export class TicketMessageService extends RequestScopedService<SupportLoaders> {
  private readonly caller: Caller;

  constructor(deps: RequestScope<SupportLoaders> & { caller: Caller }) {
    super(deps);
    this.caller = deps.caller;
  }

  /** Customer-visible messages, newest first; batched with every other ticket of the request. */
  messages(ticket: Ticket, args: PageArgs): Promise<Connection<TicketMessage>> {
    return this.loaders.ticketMessages.load({ key: ticket.id, args: { page: pageRequest(args), filter: false } });
  }

  /** Internal notes, newest first; refused to roles that may not read them. */
  internalNotes(ticket: Ticket, args: PageArgs): Promise<Connection<TicketMessage>> {
    if (!this.caller.roles.some((role) => NOTE_READER_ROLES.includes(role))) {
      throw new DomainError(ErrorCode.Forbidden, `Internal notes are only shown to ${NOTE_READER_ROLES.join(', ')}`);
    }
    return this.loaders.ticketMessages.load({ key: ticket.id, args: { page: pageRequest(args), filter: true } });
  }

  /**
   * Adds a message to the conversation. The first OUTBOUND message is the
   * ticket's first response; the ticket's row lock makes that exactly one
   * message even when agents answer at the same time. A CLOSED ticket takes no
   * more messages (the customer opens a new ticket).
   */
  async post(input: PostTicketMessageInput): Promise<{ message: TicketMessage; ticket: Ticket }> {
    const body = validBody(input.body);
    const authorName = optionalText(input.authorName, 'input.authorName', AUTHOR_MAX_LENGTH) ?? (input.direction === 'INBOUND' ? 'Customer' : this.caller.subject);
    return this.em.transactional(async (tx) => {
      const ticket = await lockTicket(tx, input.ticketId);
      if (ticket.status === 'CLOSED') {
        throw badInput('input.ticketId', `${formatTicketNumber(ticket.number)} is CLOSED; open a new ticket to continue the conversation`);
      }
      const message = await this.insert(tx, ticket, { internal: false, direction: input.direction, authorName, body });
      const firstResponse = input.direction === 'OUTBOUND' && !ticket.firstResponseAt;
      tx.assign(ticket, { updatedAt: message.createdAt, ...(firstResponse ? { firstResponseAt: message.createdAt } : {}) });
      await tx.flush();
      await recordEvents(tx, 'support', this.tenantId, [messagePostedEvent(ticket, message, firstResponse)]);
      return { message, ticket };
    });
  }

  /** Adds an internal note; the event says a note exists, never what it says. */
  async addNote(input: AddTicketNoteInput): Promise<{ note: TicketMessage; ticket: Ticket }> {
    const body = validBody(input.body);
    return this.em.transactional(async (tx) => {
      const ticket = await lockTicket(tx, input.ticketId);
      const note = await this.insert(tx, ticket, { internal: true, direction: null, authorName: this.caller.subject, body });
      await recordEvents(tx, 'support', this.tenantId, [noteAddedEvent(ticket, note)]);
      return { note, ticket };
    });
  }

  private async insert(
    tx: EntityManager,
    ticket: Ticket,
    values: { internal: boolean; direction: MessageDirection | null; authorName: string; body: string },
  ): Promise<TicketMessage> {
    const [row] = await tx.execute<Record<string, unknown>[]>(
      // The clock, not the transaction's start: under the ticket's lock, message times follow the order they were written in.
      `INSERT INTO support.ticket_message (id, tenant_id, ticket_id, internal, direction, author_id, author_name, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp()) RETURNING *`,
      [newId(), this.tenantId, ticket.id, values.internal, values.direction, this.caller.subject, values.authorName, values.body],
    );
    return tx.map(TicketMessage, row!);
  }
}

/*
 * A message on a ticket's conversation (`firstResponse`: the first answer to
 * the customer), and an internal note, whose event never says what it says
 * (the demo data records them too, for its past).
 */
export function messagePostedEvent(ticket: Ticket, message: TicketMessage, firstResponse: boolean): DomainEvent {
  return {
    type: 'ticket.message_posted',
    subject: ticket.id,
    data: { ...eventData(ticket), messageId: message.id, direction: message.direction, authorName: message.authorName, firstResponse },
  };
}

export function noteAddedEvent(ticket: Ticket, note: TicketMessage): DomainEvent {
  return { type: 'ticket.note_added', subject: ticket.id, data: { ...eventData(ticket), noteId: note.id, authorName: note.authorName } };
}

const validBody = (raw: string): string => requiredText(raw, 'input.body', BODY_MAX_LENGTH);
