import type { SubgraphDefinition } from '@c360/kit';
import { createContext, type CustomersContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { Customer } from './modules/customer/customer.entity.ts';
import { customerResolvers } from './modules/customer/customer.resolvers.ts';
import { Tenant } from './modules/tenant/tenant.entity.ts';
import { customerActivityConsumer } from './modules/activity/activity.consumer.ts';
import { seedDemo } from './demo.ts';

export const customersSubgraph: SubgraphDefinition<CustomersContext> = {
  name: 'customers',
  sdlPath: new URL('../customers.graphql', import.meta.url),
  resolvers: customerResolvers,
  entities: [Customer, Tenant],
  migrations,
  createContext,
  consumers: [customerActivityConsumer],
  seedDemo,
  defaultPort: 4001,
};
