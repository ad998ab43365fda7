import type { EntityManager } from '@c360/kit';
import { createTicketLoaders, type TicketLoaders } from './modules/ticket/ticket.loader.ts';

/** All per-request loaders of the support subgraph (work orders will add theirs here). */
export interface SupportLoaders extends TicketLoaders {}

/** Built once per request by the context function: DataLoader caches never outlive a request. */
export function createSupportLoaders(em: EntityManager, tenantId: string): SupportLoaders {
  return { ...createTicketLoaders(em, tenantId) };
}
