import type { BaseContext } from '@c360/kit';
import { createSupportLoaders, type SupportLoaders } from './loaders.ts';
import { TicketService } from './modules/ticket/ticket.service.ts';

export interface SupportContext extends BaseContext {
  loaders: SupportLoaders;
  tickets: TicketService;
}

export function createContext(base: BaseContext): SupportContext {
  const loaders = createSupportLoaders(base.em, base.tenantId);
  return { ...base, loaders, tickets: new TicketService({ em: base.em, tenantId: base.tenantId, loaders }) };
}
