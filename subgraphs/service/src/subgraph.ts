import type { Resolvers, SubgraphDefinition } from '@c360/kit';
import { contextFactory, type ServiceContext } from './context.ts';
import { serviceDependencies, type ServiceDependencies } from './dependencies.ts';
import { migrations } from './migrations/index.ts';
import { ServiceLocation } from './modules/location/location.entity.ts';
import { AddressHistoryEntry } from './modules/location/address-history.entity.ts';
import { locationResolvers } from './modules/location/location.resolvers.ts';
import { Equipment } from './modules/equipment/equipment.entity.ts';
import { equipmentResolvers } from './modules/equipment/equipment.resolvers.ts';
import { VoipLine } from './modules/voip/voip-line.entity.ts';
import { voipLineResolvers } from './modules/voip/voip-line.resolvers.ts';
import { E911Record } from './modules/e911/e911-record.entity.ts';
import { e911Resolvers } from './modules/e911/e911.resolvers.ts';
import { didReportResolvers } from './modules/reports/did-report.resolvers.ts';
import { IpAssignment } from './modules/ip/ip-assignment.entity.ts';
import { ipResolvers } from './modules/ip/ip.resolvers.ts';
import { NetworkAction } from './modules/network/network-action.entity.ts';
import { networkActionResolvers } from './modules/network/network-action.resolvers.ts';
import { mergeConsumer, suspensionConsumer } from './modules/network/customer-events.consumer.ts';
import { seedDemo } from './demo.ts';
import { recordDemoHistory } from './demo-history.ts';
import { seedServiceDetails } from './demo-details.ts';
import { seedScale } from './scale.ts';

/** The subgraph with these third-party clients and keys (tests point them at local fakes). */
export function createServiceSubgraph(dependencies: ServiceDependencies): SubgraphDefinition<ServiceContext> {
  return {
    name: 'service',
    sdlPath: new URL('../service.graphql', import.meta.url),
    resolvers: [
      locationResolvers, equipmentResolvers, voipLineResolvers, e911Resolvers, didReportResolvers, ipResolvers, networkActionResolvers,
    ],
    entities: [ServiceLocation, AddressHistoryEntry, Equipment, VoipLine, E911Record, IpAssignment, NetworkAction],
    migrations,
    createContext: contextFactory(dependencies),
    consumers: [suspensionConsumer(dependencies.network), mergeConsumer],
    async seedDemo(em, tenant) {
      const { locations, equipment } = await seedDemo(em, tenant);
      const { inserted } = await seedServiceDetails(em, tenant, dependencies.secrets);
      await recordDemoHistory(em, tenant.id, { ...inserted, locations, equipment: [...equipment, ...inserted.equipment] });
    },
    seedScale,
    defaultPort: 4003,
  };
}

/** The subgraph as configured by the environment (see `.env.example`). */
export const serviceSubgraph = createServiceSubgraph(serviceDependencies());
