import type { BaseContext } from '@c360/kit';
import { createServiceLoaders, type ServiceLoaders } from './loaders.ts';
import { LocationService } from './modules/location/location.service.ts';
import { EquipmentService } from './modules/equipment/equipment.service.ts';

export interface ServiceContext extends BaseContext {
  loaders: ServiceLoaders;
  locations: LocationService;
  equipment: EquipmentService;
}

export function createContext(base: BaseContext): ServiceContext {
  const loaders = createServiceLoaders(base.em);
  const deps = { em: base.em, tenantId: base.tenantId, loaders };
  return { ...base, loaders, locations: new LocationService(deps), equipment: new EquipmentService(deps) };
}
