import { isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { OPEN_INVOICE_STATUSES } from '../invoice/invoice.entity.ts';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { sqlList } from '../shared/values.ts';
import { DEFAULT_TAX_PROFILE } from '../tax/tax.calculation.ts';
import { CreditLedgerEntry } from './credit-ledger.entity.ts';

/** Everything about a customer's money, as one row (decimal strings). */
export type CustomerMoneyRow = {
  customer_id: string;
  /** What open invoices still owe. */
  open_amount: string;
  /** Totals of the invoices that count as sales (neither DRAFT nor VOID). */
  total_purchases: string;
  sales_count: number;
  /** `YYYY-MM-DD` (UTC) of the latest sale. */
  last_purchase_date: string | null;
  /** Parts of payments not allocated to any invoice. */
  unallocated: string;
  credits: string;
  debits: string;
  credit_limit: string;
  currency: string;
};

export interface AccountLoaders {
  /** Each customer's money; every customer gets a row (zeros when it has nothing). */
  customerMoney: ReturnType<typeof keyedLoader<string, CustomerMoneyRow>>;
  /** A page of each customer's credit ledger, newest first. */
  customerCreditLedger: ChildPageLoader<CreditLedgerEntry>;
}

/**
 * One statement for the money of all the customers of a request: a LATERAL per
 * customer over three index-only scans (sales, unallocated payments, ledger),
 * the credit limit by primary key, and the tenant's currency. Run inside a
 * transaction too, to check a debit against the available credit.
 */
export function customerMoney(em: EntityManager, tenantId: string, customerIds: readonly string[]): Promise<CustomerMoneyRow[]> {
  const valid = customerIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return em.execute<CustomerMoneyRow[]>(
    `SELECT c.id AS customer_id,
       coalesce(s.open_amount, 0) AS open_amount, coalesce(s.total_purchases, 0) AS total_purchases,
       coalesce(s.sales_count, 0) AS sales_count, s.last_purchase_date,
       coalesce(u.unallocated, 0) AS unallocated, coalesce(l.credits, 0) AS credits, coalesce(l.debits, 0) AS debits,
       coalesce(a.credit_limit, 0) AS credit_limit, coalesce(tp.currency, ?) AS currency
     FROM unnest(?::uuid[]) AS c(id)
     LEFT JOIN LATERAL (
       SELECT sum(i.total - i.paid_amount) FILTER (WHERE i.status IN (${sqlList(OPEN_INVOICE_STATUSES)})) AS open_amount,
              sum(i.total) AS total_purchases, count(*)::int AS sales_count, (max(i.issued_at) AT TIME ZONE 'UTC')::date::text AS last_purchase_date
       FROM billing.invoice i WHERE i.tenant_id = ? AND i.customer_id = c.id AND i.status NOT IN ('DRAFT', 'VOID')
     ) s ON true
     LEFT JOIN LATERAL (
       SELECT sum(p.amount - p.allocated_amount) AS unallocated
       FROM billing.payment p WHERE p.tenant_id = ? AND p.customer_id = c.id AND p.allocated_amount < p.amount
     ) u ON true
     LEFT JOIN LATERAL (
       SELECT sum(e.amount) FILTER (WHERE e.kind = 'CREDIT') AS credits, sum(e.amount) FILTER (WHERE e.kind = 'DEBIT') AS debits
       FROM billing.credit_ledger_entry e WHERE e.tenant_id = ? AND e.customer_id = c.id
     ) l ON true
     LEFT JOIN billing.customer_account a ON a.tenant_id = ? AND a.customer_id = c.id
     LEFT JOIN billing.tax_profile tp ON tp.tenant_id = ?`,
    [DEFAULT_TAX_PROFILE.currency, uuidArray(valid), tenantId, tenantId, tenantId, tenantId, tenantId],
  );
}

export function createAccountLoaders(em: EntityManager, tenantId: string): AccountLoaders {
  return {
    customerMoney: keyedLoader((customerIds) => customerMoney(em, tenantId, customerIds), (row) => row.customer_id),
    customerCreditLedger: childPageLoader(
      em, tenantId,
      { table: 'billing.credit_ledger_entry', parentColumn: 'customer_id', sortColumn: 'created_at', sortType: 'timestamptz' },
      (columns) => em.map(CreditLedgerEntry, columns),
      (entry) => entry.createdAt,
      (entry) => entry.id,
    ),
  };
}
