import type { EntityManager } from '@c360/kit';
import { byTime, childPageLoader, type ChildPageLoader } from '../../pages.ts';
import { NetworkAction } from './network-action.entity.ts';

export interface NetworkLoaders {
  /** A page of each location's network actions, newest first. */
  networkActionsByLocation: ChildPageLoader<NetworkAction>;
}

export function createNetworkLoaders(em: EntityManager, tenantId: string): NetworkLoaders {
  return {
    networkActionsByLocation: childPageLoader(
      em, tenantId,
      { table: 'service.network_action', parentColumn: 'location_id', sortColumn: 'requested_at', sortType: 'timestamptz' },
      (row) => em.map(NetworkAction, row),
      (action) => byTime(action.requestedAt, action.id),
    ),
  };
}
