import type { BaseContext } from '@c360/kit';
import { createServiceLoaders, type ServiceLoaders } from './loaders.ts';
import { LocationService } from './modules/location/location.service.ts';
import { EquipmentService } from './modules/equipment/equipment.service.ts';
import { VoipLineService } from './modules/voip/voip-line.service.ts';
import { VoipSecrets } from './modules/voip/voip-secrets.ts';
import { E911Service } from './modules/e911/e911.service.ts';
import { DidReportService } from './modules/reports/did-report.service.ts';
import { IpService } from './modules/ip/ip.service.ts';
import type { ServiceDependencies } from './dependencies.ts';

export interface ServiceContext extends BaseContext {
  loaders: ServiceLoaders;
  locations: LocationService;
  equipment: EquipmentService;
  voipLines: VoipLineService;
  voipSecrets: VoipSecrets;
  e911: E911Service;
  didReport: DidReportService;
  ips: IpService;
}

/** Builds each request's context: fresh loaders and services over the request's tenant-scoped EntityManager. */
export function contextFactory(dependencies: ServiceDependencies): (base: BaseContext) => ServiceContext {
  return (base) => {
    const loaders = createServiceLoaders(base.em, base.tenantId);
    const scope = { em: base.em, tenantId: base.tenantId, loaders };
    const e911 = new E911Service({ ...scope, provider: dependencies.e911Provider });
    const voipSecrets = new VoipSecrets({ ...scope, box: dependencies.secrets, caller: base.caller });
    return {
      ...base,
      loaders,
      locations: new LocationService({ ...scope, e911, caller: base.caller }),
      equipment: new EquipmentService({ ...scope, acs: dependencies.acs }),
      voipLines: new VoipLineService({ ...scope, e911, secrets: voipSecrets, sipDomain: dependencies.sipDomain }),
      voipSecrets,
      e911,
      didReport: new DidReportService(scope),
      ips: new IpService(scope),
    };
  };
}
