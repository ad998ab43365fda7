import { amount, isUuid, recordEvents, type ConsumerDefinition, type EntityManager } from '@c360/kit';
import { lockAccount } from '../account/account.service.ts';

/** Tables whose rows simply follow their customer to the survivor. */
const REPOINTED_TABLES = ['invoice', 'payment', 'quote', 'contract', 'subscription', 'reminder', 'voucher'] as const;

const AUTHOR = 'system:customer.merged';

/**
 * When the customers subgraph merges a duplicate into a survivor
 * (`customer.merged`, data `{ survivorId, mergedId }`), the merged customer's
 * billing records move to the survivor, in one transaction, idempotently (the
 * kit's inbox applies an event once; applying it again would find nothing left):
 *
 * - documents, payments, subscriptions, reminders and attached vouchers are re-pointed;
 * - payment methods too, but auto-pay stays with the survivor's method if it has one;
 * - a live arrangement moves unless the survivor has its own (the merged one is then cancelled);
 * - the credit limit becomes the higher of the two;
 * - the credit ledger is never edited: the merged customer's net balance is moved by a
 *   pair of entries (one closing it, one opening it on the survivor).
 */
export const customerMergeConsumer: ConsumerDefinition = {
  name: 'billing-customer-merged',
  types: ['customer.merged'],
  async handle(em, event) {
    const { survivorId, mergedId } = event.data as { survivorId?: unknown; mergedId?: unknown };
    if (typeof survivorId !== 'string' || typeof mergedId !== 'string' || !isUuid(survivorId) || !isUuid(mergedId) || survivorId === mergedId) {
      console.error(`[billing] customer.merged ${event.id} ignored: survivorId and mergedId must be two customer ids`);
      return;
    }
    const counts = await repointCustomer(em, event.tenantid, survivorId.toLowerCase(), mergedId.toLowerCase());
    await recordEvents(em, 'billing', event.tenantid, [
      { type: 'billing.customer_records_moved', subject: survivorId, data: { survivorId, mergedId, counts, cause: event.id } },
    ]);
  },
};

export async function repointCustomer(tx: EntityManager, tenantId: string, survivorId: string, mergedId: string): Promise<Record<string, number>> {
  // Both accounts, in a fixed order so that two merges touching the same customers cannot deadlock.
  for (const id of [survivorId, mergedId].sort()) await lockAccount(tx, tenantId, id);
  const counts: Record<string, number> = {};
  await tx.execute(
    `UPDATE billing.payment_method SET auto_pay = false, updated_at = now(), version = version + 1
     WHERE tenant_id = ? AND customer_id = ? AND auto_pay
       AND EXISTS (SELECT 1 FROM billing.payment_method WHERE tenant_id = ? AND customer_id = ? AND auto_pay)`,
    [tenantId, mergedId, tenantId, survivorId],
  );
  await tx.execute(
    `UPDATE billing.payment_arrangement SET status = 'CANCELLED', closed_at = now(), change_reason = 'customer merged into ' || ?,
       updated_at = now(), version = version + 1
     WHERE tenant_id = ? AND customer_id = ? AND status IN ('PENDING', 'OPEN')
       AND EXISTS (SELECT 1 FROM billing.payment_arrangement WHERE tenant_id = ? AND customer_id = ? AND status IN ('PENDING', 'OPEN'))`,
    [survivorId, tenantId, mergedId, tenantId, survivorId],
  );
  for (const table of [...REPOINTED_TABLES, 'payment_method', 'payment_arrangement']) {
    const rows = await tx.execute<{ n: number }[]>(
      `WITH moved AS (UPDATE billing.${table} SET customer_id = ? WHERE tenant_id = ? AND customer_id = ? RETURNING 1) SELECT count(*)::int AS n FROM moved`,
      [survivorId, tenantId, mergedId],
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  await tx.execute(
    `WITH merged AS (DELETE FROM billing.customer_account WHERE tenant_id = ? AND customer_id = ? RETURNING credit_limit)
     INSERT INTO billing.customer_account AS a (tenant_id, customer_id, credit_limit) SELECT ?, ?, credit_limit FROM merged
     ON CONFLICT (tenant_id, customer_id) DO UPDATE SET credit_limit = greatest(a.credit_limit, excluded.credit_limit), updated_at = now(), version = a.version + 1`,
    [tenantId, mergedId, tenantId, survivorId],
  );
  const [net] = await tx.execute<{ balance: string; currency: string | null }[]>(
    `SELECT coalesce(sum(CASE kind WHEN 'CREDIT' THEN amount ELSE -amount END), 0) AS balance, max(currency) AS currency
     FROM billing.credit_ledger_entry WHERE tenant_id = ? AND customer_id = ?`,
    [tenantId, mergedId],
  );
  const balance = amount(net?.balance ?? 0);
  if (!balance.isZero() && net?.currency) {
    const moved = balance.abs().toFixed(2);
    const [closing, opening] = balance.isPositive() ? ['DEBIT', 'CREDIT'] : ['CREDIT', 'DEBIT'];
    await tx.execute(
      `INSERT INTO billing.credit_ledger_entry (id, tenant_id, customer_id, kind, amount, currency, description, author)
       VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?), (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)`,
      [tenantId, mergedId, closing, moved, net.currency, `Moved to customer ${survivorId} (merge)`, AUTHOR,
        tenantId, survivorId, opening, moved, net.currency, `Moved from customer ${mergedId} (merge)`, AUTHOR],
    );
    counts.credit_ledger_entry = 2;
  }
  return counts;
}
