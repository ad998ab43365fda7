import type { SubgraphDefinition } from '@c360/kit';
import { createContext, type SupportContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { Ticket } from './modules/ticket/ticket.entity.ts';
import { ticketResolvers } from './modules/ticket/ticket.resolvers.ts';
import { seedDemo } from './demo.ts';

export const supportSubgraph: SubgraphDefinition<SupportContext> = {
  name: 'support',
  sdlPath: new URL('../support.graphql', import.meta.url),
  resolvers: ticketResolvers,
  entities: [Ticket],
  migrations,
  createContext,
  seedDemo,
  defaultPort: 4004,
};
