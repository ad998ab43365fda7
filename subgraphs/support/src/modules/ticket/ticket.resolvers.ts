import type { PageArgs, Resolvers } from '@c360/kit';
import type { SupportContext } from '../../context.ts';
import { formatTicketNumber, type Ticket } from './ticket.entity.ts';
import type { ChangeTicketStatusInput, OpenTicketInput } from './ticket.service.ts';

/** Another subgraph's entity as it arrives here: its key only. */
type Reference = { id: string };

export const ticketResolvers: Resolvers<SupportContext> = {
  Query: {
    ticket: (_root, args: { id: string }, ctx) => ctx.tickets.get(args.id),
  },
  Mutation: {
    openTicket: (_root, args: { input: OpenTicketInput }, ctx) => ctx.tickets.open(args.input),
    changeTicketStatus: (_root, args: { input: ChangeTicketStatusInput }, ctx) => ctx.tickets.changeStatus(args.input),
  },
  Ticket: {
    __resolveReference: (ref: Reference, ctx: SupportContext) => ctx.loaders.ticketById.load(ref.id),
    number: (ticket: Ticket) => formatTicketNumber(ticket.number),
    customer: (ticket: Ticket) => ({ __typename: 'Customer', id: ticket.customerId }),
    location: (ticket: Ticket) => (ticket.locationId ? { __typename: 'ServiceLocation', id: ticket.locationId } : null),
  },
  Customer: {
    __resolveReference: (ref: Reference) => ref,
    tickets: (customer: Reference, args: PageArgs, ctx) => ctx.tickets.forCustomer(customer.id, args),
    openTicketCount: (customer: Reference, _args, ctx) => ctx.tickets.openCount(customer.id),
  },
  ServiceLocation: {
    __resolveReference: (ref: Reference) => ref,
    tickets: (location: Reference, args: PageArgs, ctx) => ctx.tickets.forLocation(location.id, args),
  },
};
