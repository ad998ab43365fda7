import type { EntityManager } from '@c360/kit';
import { byTime, childPageLoader, type ChildPageLoader } from '../../pages.ts';
import { AddressHistoryEntry } from './address-history.entity.ts';

export interface HistoryLoaders {
  /** A page of each location's earlier addresses, most recent change first. */
  addressHistoryByLocation: ChildPageLoader<AddressHistoryEntry>;
  /** A page of each customer's earlier addresses, most recent change first. */
  addressHistoryByCustomer: ChildPageLoader<AddressHistoryEntry>;
}

export function createHistoryLoaders(em: EntityManager, tenantId: string): HistoryLoaders {
  const page = (parentColumn: string) => childPageLoader(
    em, tenantId,
    { table: 'service.address_history', parentColumn, sortColumn: 'changed_at', sortType: 'timestamptz' },
    (row) => em.map(AddressHistoryEntry, row),
    (entry) => byTime(entry.changedAt, entry.id),
  );
  return { addressHistoryByLocation: page('location_id'), addressHistoryByCustomer: page('customer_id') };
}
