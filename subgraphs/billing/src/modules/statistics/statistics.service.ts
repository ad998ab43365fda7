import { money, type EntityManager, type MoneyValue } from '@c360/kit';
import { QUOTE_STATUSES, type QuoteStatus } from '../quote/quote.entity.ts';
import { REMINDER_STATUSES, type ReminderStatus } from '../reminder/reminder.entity.ts';
import { DEFAULT_TAX_PROFILE } from '../tax/tax.calculation.ts';

export interface BillingStatistics {
  quotesByStatus: { status: QuoteStatus; count: number }[];
  quoteConversionRate: number | null;
  overdueInvoices: { count: number; total: MoneyValue; outstanding: MoneyValue };
  remindersByStatus: { status: ReminderStatus; count: number }[];
}

type StatisticsRow = {
  quotes: Partial<Record<QuoteStatus, number>>;
  overdue: { count: number; total: string; outstanding: string };
  reminders: Partial<Record<ReminderStatus, number>>;
  currency: string;
};

/** The tenant's collections dashboard, in one statement (index scans on (tenant, status) of each table). */
export class StatisticsService {
  private readonly em: EntityManager;
  private readonly tenantId: string;

  constructor(deps: { em: EntityManager; tenantId: string }) {
    this.em = deps.em;
    this.tenantId = deps.tenantId;
  }

  async get(): Promise<BillingStatistics> {
    const [row] = await this.em.execute<StatisticsRow[]>(
      `SELECT
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (
            SELECT status, count(*)::int AS n FROM billing.quote WHERE tenant_id = ? GROUP BY status) q) AS quotes,
         (SELECT jsonb_build_object('count', count(*), 'total', coalesce(sum(total), 0)::text, 'outstanding', coalesce(sum(total - paid_amount), 0)::text)
            FROM billing.invoice WHERE tenant_id = ? AND status = 'OVERDUE') AS overdue,
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (
            SELECT status, count(*)::int AS n FROM billing.reminder WHERE tenant_id = ? GROUP BY status) r) AS reminders,
         coalesce((SELECT currency FROM billing.tax_profile WHERE tenant_id = ?), ?) AS currency`,
      [this.tenantId, this.tenantId, this.tenantId, this.tenantId, DEFAULT_TAX_PROFILE.currency],
    );
    const { quotes, overdue, reminders, currency } = row!;
    const count = (status: QuoteStatus) => quotes[status] ?? 0;
    const decided = count('ACCEPTED') + count('REFUSED') + count('EXPIRED');
    return {
      quotesByStatus: QUOTE_STATUSES.map((status) => ({ status, count: count(status) })),
      // Accepted among the quotes that were decided (accepted, refused or expired); open ones do not count yet.
      quoteConversionRate: decided === 0 ? null : count('ACCEPTED') / decided,
      overdueInvoices: { count: overdue.count, total: money(overdue.total, currency), outstanding: money(overdue.outstanding, currency) },
      remindersByStatus: REMINDER_STATUSES.map((status) => ({ status, count: reminders[status] ?? 0 })),
    };
  }
}
