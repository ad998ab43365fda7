import type { Resolvers, SubgraphDefinition } from '@c360/kit';
import { createContext, type ServiceContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { ServiceLocation } from './modules/location/location.entity.ts';
import { locationResolvers } from './modules/location/location.resolvers.ts';
import { Equipment } from './modules/equipment/equipment.entity.ts';
import { equipmentResolvers } from './modules/equipment/equipment.resolvers.ts';
import { seedDemo } from './demo.ts';

/** Merges per-module resolver maps type by type (both modules add fields to ServiceLocation). */
function mergeResolvers<C>(...maps: Resolvers<C>[]): Resolvers<C> {
  const merged: Record<string, object> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  }
  return merged as Resolvers<C>;
}

export const serviceSubgraph: SubgraphDefinition<ServiceContext> = {
  name: 'service',
  sdlPath: new URL('../service.graphql', import.meta.url),
  resolvers: mergeResolvers(locationResolvers, equipmentResolvers),
  entities: [ServiceLocation, Equipment],
  migrations,
  createContext,
  seedDemo,
  defaultPort: 4003,
};
