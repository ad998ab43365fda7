import type { Resolvers, SubgraphDefinition } from '@c360/kit';
import { createContext, type SupportContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { customerResolvers } from './modules/customer/customer.resolvers.ts';
import { customerMergedConsumer } from './modules/customer/customer-merged.consumer.ts';
import { DispatchJob } from './modules/dispatch/dispatch.entity.ts';
import { dispatchResolvers } from './modules/dispatch/dispatch.resolvers.ts';
import { Technician } from './modules/technician/technician.entity.ts';
import { technicianResolvers } from './modules/technician/technician.resolvers.ts';
import { Ticket } from './modules/ticket/ticket.entity.ts';
import { TicketMessage } from './modules/ticket/ticket-message.entity.ts';
import { ticketResolvers } from './modules/ticket/ticket.resolvers.ts';
import { WorkOrder, WorkOrderProfileRow } from './modules/work-order/work-order.entity.ts';
import { workOrderResolvers } from './modules/work-order/work-order.resolvers.ts';
import { billingTaxProfileConsumer } from './modules/work-order/tax-profile.consumer.ts';
import { seedDemo } from './demo.ts';
import { seedScale } from './scale.ts';

/** One resolver map per module (several add to Query, Mutation and Customer). */
const resolvers: Resolvers<SupportContext>[] = [ticketResolvers, technicianResolvers, dispatchResolvers, workOrderResolvers, customerResolvers];

export const supportSubgraph: SubgraphDefinition<SupportContext> = {
  name: 'support',
  sdlPath: new URL('../support.graphql', import.meta.url),
  resolvers,
  entities: [Ticket, TicketMessage, Technician, DispatchJob, WorkOrder, WorkOrderProfileRow],
  migrations,
  createContext,
  consumers: [customerMergedConsumer, billingTaxProfileConsumer],
  seedDemo,
  seedScale,
  defaultPort: 4004,
};
