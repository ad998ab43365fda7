import type { PageArgs, Resolvers } from '@c360/kit';
import type { SupportContext } from '../../context.ts';
import type { PeriodInput } from '../shared/period.ts';
import type { TicketListArgs } from '../ticket/ticket.service.ts';

/** Another subgraph's entity as it arrives here: its key only. */
type Reference = { id: string };

/** Support's fields on the customers subgraph's Customer and the service subgraph's ServiceLocation. */
export const customerResolvers: Resolvers<SupportContext> = {
  Customer: {
    // Nothing to load: every support field of a customer is computed from its id.
    __resolveReference: (ref: Reference) => ref,
    tickets: (customer: Reference, args: TicketListArgs, ctx) => ctx.tickets.forCustomer(customer.id, args),
    openTicketCount: (customer: Reference, _args, ctx) => ctx.tickets.openCount(customer.id),
    workOrders: (customer: Reference, args: PageArgs, ctx) => ctx.workOrders.forCustomer(customer.id, args),
    technicianHours: (customer: Reference, args: { technicianId?: string | null; period?: PeriodInput | null }, ctx) =>
      ctx.workOrders.technicianHours(customer.id, args.technicianId, args.period),
  },
  ServiceLocation: {
    __resolveReference: (ref: Reference) => ref,
    tickets: (location: Reference, args: TicketListArgs, ctx) => ctx.tickets.forLocation(location.id, args),
    workOrders: (location: Reference, args: PageArgs, ctx) => ctx.workOrders.forLocation(location.id, args),
    visitCount: (location: Reference, args: { period?: PeriodInput | null }, ctx) => ctx.workOrders.visitCount(location.id, args.period),
  },
};
