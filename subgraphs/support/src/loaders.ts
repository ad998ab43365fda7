import type { EntityManager } from '@c360/kit';
import { createDispatchLoaders, type DispatchLoaders } from './modules/dispatch/dispatch.loader.ts';
import { createTechnicianLoaders, type TechnicianLoaders } from './modules/technician/technician.loader.ts';
import { createTicketLoaders, type TicketLoaders } from './modules/ticket/ticket.loader.ts';
import { createWorkOrderLoaders, type WorkOrderLoaders } from './modules/work-order/work-order.loader.ts';

/** All per-request loaders of the support subgraph. */
export type SupportLoaders = TicketLoaders & TechnicianLoaders & DispatchLoaders & WorkOrderLoaders;

/** Built once per request by the context function: DataLoader caches never outlive a request. */
export function createSupportLoaders(em: EntityManager, tenantId: string): SupportLoaders {
  return {
    ...createTicketLoaders(em, tenantId),
    ...createTechnicianLoaders(em),
    ...createDispatchLoaders(em, tenantId),
    ...createWorkOrderLoaders(em, tenantId),
  };
}
