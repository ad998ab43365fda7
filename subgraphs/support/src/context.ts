import type { BaseContext } from '@c360/kit';
import { createSupportLoaders, type SupportLoaders } from './loaders.ts';
import { DispatchService } from './modules/dispatch/dispatch.service.ts';
import { TechnicianService } from './modules/technician/technician.service.ts';
import { TicketMessageService } from './modules/ticket/ticket-message.service.ts';
import { TicketService } from './modules/ticket/ticket.service.ts';
import { WorkOrderProfiles } from './modules/work-order/work-order.profile.ts';
import { WorkOrderService } from './modules/work-order/work-order.service.ts';

export interface SupportContext extends BaseContext {
  loaders: SupportLoaders;
  tickets: TicketService;
  ticketMessages: TicketMessageService;
  technicians: TechnicianService;
  dispatch: DispatchService;
  workOrders: WorkOrderService;
  workOrderProfiles: WorkOrderProfiles;
}

export function createContext(base: BaseContext): SupportContext {
  const loaders = createSupportLoaders(base.em, base.tenantId);
  const scope = { em: base.em, tenantId: base.tenantId, loaders };
  const profiles = new WorkOrderProfiles(base.em, base.tenantId, base.caller);
  return {
    ...base,
    loaders,
    tickets: new TicketService(scope),
    ticketMessages: new TicketMessageService({ ...scope, caller: base.caller }),
    technicians: new TechnicianService(scope),
    dispatch: new DispatchService(scope),
    workOrders: new WorkOrderService({ ...scope, profiles }),
    workOrderProfiles: profiles,
  };
}
