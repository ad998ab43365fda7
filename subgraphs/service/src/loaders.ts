import { groupedLoader, isUuid, keyedLoader, rowReader, uuidArray, type EntityManager } from '@c360/kit';
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
  /** The same, with each location's equipment read in the same statement (`equipmentByLocation` is primed with it). */
  locationsWithEquipmentByCustomer: ReturnType<typeof groupedLoader<string, ServiceLocation>>;
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
  const readLocation = rowReader(em, ServiceLocation);
  const readEquipment = rowReader(em, Equipment);
  const locationById = keyedLoader(
    (ids) => em.find(ServiceLocation, { id: { $in: ids.filter(isUuid) } }),
    (location: ServiceLocation) => location.id,
  );
  const equipmentByLocation = groupedLoader(
    async (locationIds: readonly string[]) => {
      const rows = await em.execute<Record<string, unknown>[]>(
        `SELECT * FROM service.equipment WHERE tenant_id = ? AND location_id = ANY(?::uuid[]) ORDER BY created_at, id`,
        [tenantId, uuidArray(locationIds)],
      );
      return rows.map(readEquipment);
    },
    (equipment) => equipment.locationId,
  );
  /**
   * Each customer's locations, as plain rows (the customer 360 and the customers
   * list read them). With `withEquipment`, a correlated subquery adds each
   * location's equipment as JSON (same index, same order as `equipmentByLocation`),
   * saving the 360 a second statement and a database round trip.
   */
  const locationsOf = async (customerIds: readonly string[], withEquipment: boolean) => {
    const equipment = withEquipment
      ? `, (SELECT coalesce(json_agg(e ORDER BY e.created_at, e.id), '[]') FROM service.equipment e
           WHERE e.tenant_id = l.tenant_id AND e.location_id = l.id) AS equipment_rows`
      : '';
    const rows = await em.execute<Record<string, unknown>[]>(
      `SELECT l.*${equipment} FROM service.service_location l WHERE l.tenant_id = ? AND l.customer_id = ANY(?::uuid[]) ORDER BY l.created_at, l.id`,
      [tenantId, uuidArray(customerIds)],
    );
    return rows.map(({ equipment_rows: devices, ...row }) => {
      const location = readLocation(row);
      // `Equipment.location` of these locations' devices then costs no statement.
      locationById.prime(location.id, location);
      if (withEquipment) equipmentByLocation.prime(location.id, (devices as Record<string, unknown>[]).map(readEquipment));
      return location;
    });
  };
  return {
    locationById,
    equipmentById: keyedLoader(
      (ids) => em.find(Equipment, { id: { $in: ids.filter(isUuid) } }),
      (equipment) => equipment.id,
    ),
    // Raw SQL with `= ANY(?)`: one statement text whatever the number of parents.
    locationsByCustomer: groupedLoader((customerIds) => locationsOf(customerIds, false), (location) => location.customerId),
    locationsWithEquipmentByCustomer: groupedLoader((customerIds) => locationsOf(customerIds, true), (location) => location.customerId),
    equipmentByLocation,
  };
}
