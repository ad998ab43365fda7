import type { PageArgs, Resolvers } from '@c360/kit';
import type { SupportContext } from '../../context.ts';
import { formatTicketNumber, type Ticket } from './ticket.entity.ts';
import type { TicketMessage } from './ticket-message.entity.ts';
import type { AssignTicketInput, ChangeTicketStatusInput, OpenTicketInput } from './ticket.service.ts';
import type { AddTicketNoteInput, PostTicketMessageInput } from './ticket-message.service.ts';

/** Another subgraph's entity as it arrives here: its key only. */
type Reference = { id: string };

export const ticketResolvers: Resolvers<SupportContext> = {
  Query: {
    ticket: (_root, args: { id: string }, ctx) => ctx.tickets.get(args.id),
  },
  Mutation: {
    openTicket: (_root, args: { input: OpenTicketInput }, ctx) => ctx.tickets.open(args.input),
    changeTicketStatus: (_root, args: { input: ChangeTicketStatusInput }, ctx) => ctx.tickets.changeStatus(args.input),
    assignTicket: (_root, args: { input: AssignTicketInput }, ctx) => ctx.tickets.assign(args.input),
    postTicketMessage: (_root, args: { input: PostTicketMessageInput }, ctx) => ctx.ticketMessages.post(args.input),
    addTicketNote: (_root, args: { input: AddTicketNoteInput }, ctx) => ctx.ticketMessages.addNote(args.input),
  },
  Ticket: {
    __resolveReference: (ref: Reference, ctx: SupportContext) => ctx.loaders.ticketById.load(ref.id),
    number: (ticket: Ticket) => formatTicketNumber(ticket.number),
    customer: (ticket: Ticket) => ({ __typename: 'Customer', id: ticket.customerId }),
    location: (ticket: Ticket) => (ticket.locationId ? { __typename: 'ServiceLocation', id: ticket.locationId } : null),
    assignee: (ticket: Ticket, _args, ctx) => ctx.technicians.referenced(ticket.assigneeId),
    messages: (ticket: Ticket, args: PageArgs, ctx) => ctx.ticketMessages.messages(ticket, args),
    internalNotes: (ticket: Ticket, args: PageArgs, ctx) => ctx.ticketMessages.internalNotes(ticket, args),
    dispatchJobs: (ticket: Ticket, _args, ctx) => ctx.dispatch.forTicket(ticket),
    workOrders: (ticket: Ticket, _args, ctx) => ctx.workOrders.forTicket(ticket),
  },
  TicketMessage: {
    author: (message: TicketMessage) => message.authorName,
    sentAt: (message: TicketMessage) => message.createdAt,
  },
  InternalNote: {
    author: (note: TicketMessage) => note.authorName,
  },
};
