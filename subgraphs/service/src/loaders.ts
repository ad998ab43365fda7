import { groupedLoader, isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { Equipment } from './modules/equipment/equipment.entity.ts';
import { ServiceLocation } from './modules/location/location.entity.ts';
import { createHistoryLoaders, type HistoryLoaders } from './modules/location/address-history.loader.ts';
import { createVoipLoaders, type VoipLoaders } from './modules/voip/voip-line.loader.ts';
import { createIpLoaders, type IpLoaders } from './modules/ip/ip.loader.ts';
import { createNetworkLoaders, type NetworkLoaders } from './modules/network/network-action.loader.ts';

/** Loaders of locations and their equipment. */
export interface LocationLoaders {
  /** Locations by id within the request's tenant (the tenant filter applies). */
  locationById: ReturnType<typeof keyedLoader<string, ServiceLocation>>;
  /** Equipment by id within the request's tenant (the tenant filter applies). */
  equipmentById: ReturnType<typeof keyedLoader<string, Equipment>>;
  /** `Customer.locations`: each customer's locations, oldest first. */
  locationsByCustomer: ReturnType<typeof groupedLoader<string, ServiceLocation>>;
  /** `ServiceLocation.equipment`: each location's equipment, in the order it was added. */
  equipmentByLocation: ReturnType<typeof groupedLoader<string, Equipment>>;
}

/**
 * Per-request loaders of the service subgraph: whatever the number of keys in a
 * request, each loader sends one statement per tick.
 */
export type ServiceLoaders = LocationLoaders & HistoryLoaders & VoipLoaders & IpLoaders & NetworkLoaders;

export function createServiceLoaders(em: EntityManager, tenantId: string): ServiceLoaders {
  return {
    ...createLocationLoaders(em, tenantId),
    ...createHistoryLoaders(em, tenantId),
    ...createVoipLoaders(em, tenantId),
    ...createIpLoaders(em, tenantId),
    ...createNetworkLoaders(em, tenantId),
  };
}

function createLocationLoaders(em: EntityManager, tenantId: string): LocationLoaders {
  const locationById = keyedLoader(
    (ids) => em.find(ServiceLocation, { id: { $in: ids.filter(isUuid) } }),
    (location: ServiceLocation) => location.id,
  );
  return {
    locationById,
    equipmentById: keyedLoader(
      (ids) => em.find(Equipment, { id: { $in: ids.filter(isUuid) } }),
      (equipment) => equipment.id,
    ),
    // Raw SQL with `= ANY(?)`: one statement text whatever the number of parents.
    locationsByCustomer: groupedLoader(
      async (customerIds) => {
        const rows = await em.execute<Record<string, unknown>[]>(
          `SELECT * FROM service.service_location WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) ORDER BY created_at, id`,
          [tenantId, uuidArray(customerIds)],
        );
        const locations = rows.map((row) => em.map(ServiceLocation, row));
        // `Equipment.location` of these locations' devices then costs no statement.
        for (const location of locations) locationById.prime(location.id, location);
        return locations;
      },
      (location) => location.customerId,
    ),
    equipmentByLocation: groupedLoader(
      async (locationIds) => {
        const rows = await em.execute<Record<string, unknown>[]>(
          `SELECT * FROM service.equipment WHERE tenant_id = ? AND location_id = ANY(?::uuid[]) ORDER BY created_at, id`,
          [tenantId, uuidArray(locationIds)],
        );
        return rows.map((row) => em.map(Equipment, row));
      },
      (equipment) => equipment.locationId,
    ),
  };
}
