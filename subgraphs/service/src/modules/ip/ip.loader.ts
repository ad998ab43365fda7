import { groupedByArgsLoader, uuidArray, type EntityManager } from '@c360/kit';
import { byTime, childPageLoader, type ChildPageLoader } from '../../pages.ts';
import { IpAssignment } from './ip-assignment.entity.ts';

/** The columns of an assignment (not the generated `validity`, which the entity does not map). */
export const IP_ASSIGNMENT_COLUMNS = 'id, tenant_id, customer_id, location_id, ip, assigned_at, released_at, legacy_id, created_at';

export interface IpLoaders {
  /** `Customer.ipAt(time)`: what each customer held at an instant; customers asking for the same instant share one statement. */
  ipAtByCustomer: ReturnType<typeof groupedByArgsLoader<string, string, IpAssignment[]>>;
  /** A page of each location's assignments, most recently assigned first. */
  ipHistoryByLocation: ChildPageLoader<IpAssignment>;
}

export function createIpLoaders(em: EntityManager, tenantId: string): IpLoaders {
  return {
    ipAtByCustomer: groupedByArgsLoader(
      async (customerIds: string[], time: string) => {
        // Served by the GiST index (tenant_id, customer_id, validity): `validity @> t` holds from assigned_at included to released_at excluded.
        const rows = await em.execute<Record<string, unknown>[]>(
          `SELECT ${IP_ASSIGNMENT_COLUMNS} FROM service.ip_assignment
           WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND validity @> ?::timestamptz
           ORDER BY family(ip), ip`,
          [tenantId, uuidArray(customerIds), time],
        );
        const byCustomer = new Map<string, IpAssignment[]>();
        for (const assignment of rows.map((row) => em.map(IpAssignment, row))) {
          byCustomer.set(assignment.customerId, [...(byCustomer.get(assignment.customerId) ?? []), assignment]);
        }
        return byCustomer;
      },
      () => [],
    ),
    ipHistoryByLocation: childPageLoader(
      em, tenantId,
      { table: 'service.ip_assignment', parentColumn: 'location_id', sortColumn: 'assigned_at', sortType: 'timestamptz' },
      ({ validity: _validity, ...row }) => em.map(IpAssignment, row),
      (assignment) => byTime(assignment.assignedAt, assignment.id),
    ),
  };
}
