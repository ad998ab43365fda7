import { CUSTOMER_CATEGORIES, CUSTOMER_STATUSES, type CustomerCategory, type CustomerStatus } from '../customer/customer.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';

export interface CustomerStatistics {
  total: number;
  byStatus: { status: CustomerStatus; count: number }[];
  byCategory: { category: CustomerCategory; count: number }[];
  /** Created since the first day of the month, in the tenant's time zone. */
  newThisMonth: number;
  /** With activity in any domain in the last 90 days. */
  activeLast90Days: number;
}

/** Days that count as "recent activity" on the dashboard. */
export const ACTIVE_DAYS = 90;

export class StatisticsService extends CustomersService {
  /**
   * The dashboard's figures in one statement: one pass over the tenant's
   * customers (an index range on `tenant_id`) grouped three ways. Customers
   * merged into another are duplicates, not customers: they are not counted.
   */
  async get(): Promise<CustomerStatistics> {
    const { timeZone } = await this.settings.get();
    const rows = await this.em.execute<{ status: CustomerStatus | null; category: CustomerCategory | null; count: number; new_this_month: number; active: number }[]>(
      `SELECT status, category, count(*)::int AS count,
         count(*) FILTER (WHERE created_at >= date_trunc('month', now() AT TIME ZONE ?) AT TIME ZONE ?)::int AS new_this_month,
         count(*) FILTER (WHERE last_activity_at >= now() - make_interval(days => ?))::int AS active
       FROM customers.customer
       WHERE tenant_id = ? AND merged_into_id IS NULL
       GROUP BY GROUPING SETS ((status), (category), ())`,
      [timeZone, timeZone, ACTIVE_DAYS, this.tenantId],
    );
    const all = rows.find((row) => row.status === null && row.category === null);
    const count = (predicate: (row: (typeof rows)[number]) => boolean) => rows.find(predicate)?.count ?? 0;
    return {
      total: all?.count ?? 0,
      byStatus: CUSTOMER_STATUSES.map((status) => ({ status, count: count((row) => row.status === status && row.category === null) })),
      byCategory: CUSTOMER_CATEGORIES.map((category) => ({ category, count: count((row) => row.category === category && row.status === null) })),
      newThisMonth: all?.new_this_month ?? 0,
      activeLast90Days: all?.active ?? 0,
    };
  }
}
