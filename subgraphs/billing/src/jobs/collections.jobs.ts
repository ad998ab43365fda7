import { recordEvents, type Caller, type DomainEvent, type EntityManager } from '@c360/kit';
import { chargeInvoice, type ChargeDeps } from '../modules/payment-method/autopay.service.ts';
import { DEFAULT_BILLING_SETTINGS } from '../modules/settings/settings.entity.ts';
import { addMonths, today as todayUtc, PERIOD_MONTHS } from '../modules/shared/dates.ts';

/** When the job runs (UTC; now by default) and, in tests, the one tenant it may touch (all tenants when absent). */
export interface JobScope {
  today?: string;
  now?: Date;
  tenantId?: string;
}

/** An invoice issued this recently is being charged by the request that issued it; the sweep leaves it alone. */
const AUTOPAY_GRACE_MINUTES = 10;

/** Rows per transaction: a long backlog is worked through in short transactions. */
const BATCH = 500;

/** The identity jobs act as: it appears as author and in the payment-method access audit. */
export const systemCaller = (tenantId: string): Caller => ({ tenantId, subject: 'system:billing-jobs', roles: ['system'], scopes: [] });

type TenantRow = { tenant_id: string };

/**
 * The scheduled work of collections, as plain methods: the pg-boss workers call
 * them (scheduler.ts), tests call them directly with a day and a tenant. Each is
 * idempotent (running it twice the same day changes nothing more) and safe beside
 * requests: rows are claimed with `FOR UPDATE SKIP LOCKED`, so a row a payment
 * holds is simply left for the next run. Events go to the outbox in the same
 * transaction as each change.
 */
export class BillingJobs {
  private readonly em: EntityManager;
  private readonly charges: Omit<ChargeDeps, 'actor'>;

  constructor(options: { em: EntityManager } & Omit<ChargeDeps, 'actor'>) {
    this.em = options.em;
    this.charges = { processor: options.processor, cipher: options.cipher };
  }

  /** ISSUED or PARTIALLY_PAID invoices past their due date become OVERDUE (`invoice.overdue`). */
  markInvoicesOverdue(scope: JobScope = {}): Promise<number> {
    return this.inBatches(scope, (tx, day, tenant) => tx.execute(
      `UPDATE billing.invoice i SET status = 'OVERDUE', updated_at = now(), version = i.version + 1
       WHERE i.id IN (SELECT id FROM billing.invoice WHERE status IN ('ISSUED', 'PARTIALLY_PAID') AND due_date < ?::date
                      AND (?::text IS NULL OR tenant_id = ?) LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING i.tenant_id, i.id, i.customer_id, i.number, i.due_date::text AS due_date, (i.total - i.paid_amount)::text AS outstanding`,
      [day, tenant, tenant],
    ), invoiceOverdueEvent);
  }

  /** DRAFT or SENT quotes past their validity date become EXPIRED (`quote.expired`). */
  expireQuotes(scope: JobScope = {}): Promise<number> {
    return this.inBatches(scope, (tx, day, tenant) => tx.execute(
      `UPDATE billing.quote q SET status = 'EXPIRED', decided_at = now(), updated_at = now(), version = q.version + 1
       WHERE q.id IN (SELECT id FROM billing.quote WHERE status IN ('DRAFT', 'SENT') AND valid_until < ?::date
                      AND (?::text IS NULL OR tenant_id = ?) LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING q.tenant_id, q.id, q.customer_id, q.number, q.valid_until::text AS valid_until`,
      [day, tenant, tenant],
    ), quoteExpiredEvent);
  }

  /**
   * ACTIVE contracts past their end date: renewed by whole periods until they end
   * today or later when they renew automatically (`contract.renewed`), EXPIRED
   * otherwise (`contract.expired`).
   */
  async renewOrExpireContracts(scope: JobScope = {}): Promise<number> {
    const day = scope.today ?? todayUtc();
    const tenant = scope.tenantId ?? null;
    return this.em.transactional(async (tx) => {
      const ended = await tx.execute<{ tenant_id: string; id: string; customer_id: string; number: string; end_date: string; periodicity: keyof typeof PERIOD_MONTHS | 'ONE_OFF'; auto_renew: boolean }[]>(
        `SELECT tenant_id, id, customer_id, number, end_date::text AS end_date, periodicity, auto_renew FROM billing.contract
         WHERE status = 'ACTIVE' AND end_date < ?::date AND (?::text IS NULL OR tenant_id = ?) FOR UPDATE SKIP LOCKED`,
        [day, tenant, tenant],
      );
      const changes = ended.map((contract) => {
        if (!contract.auto_renew) return { ...contract, status: 'EXPIRED', new_end: contract.end_date };
        // A one-off contract that renews does so yearly.
        const months = contract.periodicity === 'ONE_OFF' ? 12 : PERIOD_MONTHS[contract.periodicity];
        let periods = 1;
        while (addMonths(contract.end_date, months * periods) < day) periods += 1;
        return { ...contract, status: 'ACTIVE', new_end: addMonths(contract.end_date, months * periods) };
      });
      if (changes.length === 0) return 0;
      await tx.execute(
        `UPDATE billing.contract c SET status = r.status, end_date = r.new_end,
           ended_at = CASE WHEN r.status = 'EXPIRED' THEN now() ELSE c.ended_at END, updated_at = now(), version = c.version + 1
         FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, status text, new_end date) WHERE c.id = r.id`,
        [JSON.stringify(changes.map(({ id, status, new_end }) => ({ id, status, new_end })))],
      );
      await recordPerTenant(tx, changes, (change) => change.status === 'EXPIRED'
        ? { type: 'contract.expired', subject: change.id, data: { customerId: change.customer_id, contractId: change.id, number: change.number, endDate: change.end_date } }
        : { type: 'contract.renewed', subject: change.id, data: { customerId: change.customer_id, contractId: change.id, number: change.number, endDate: change.new_end } });
      return changes.length;
    });
  }

  /**
   * ACTIVE contracts that have come within their tenant's notice period
   * (`contractNoticeDays`) of their end date: `contract.ending_soon`, once per
   * contract and end date (a renewal moves the end date, and a new notice
   * follows in time). The renewal-reminder rule reacts to it.
   */
  flagContractsEndingSoon(scope: JobScope = {}): Promise<number> {
    return this.inBatches(scope, (tx, day, tenant) => tx.execute(
      `WITH ending AS (
         SELECT c.tenant_id, c.id, c.customer_id, c.number, c.end_date
         FROM billing.contract c LEFT JOIN billing.settings s ON s.tenant_id = c.tenant_id
         WHERE c.status = 'ACTIVE' AND c.end_date >= ?::date AND c.end_date <= ?::date + coalesce(s.contract_notice_days, ?)
           AND (?::text IS NULL OR c.tenant_id = ?)
           AND NOT EXISTS (SELECT 1 FROM billing.contract_notice n WHERE n.contract_id = c.id AND n.end_date = c.end_date)
         LIMIT ${BATCH}
       ), noticed AS (
         INSERT INTO billing.contract_notice (tenant_id, contract_id, end_date) SELECT tenant_id, id, end_date FROM ending
         ON CONFLICT DO NOTHING RETURNING contract_id
       )
       SELECT e.tenant_id, e.id, e.customer_id, e.number, e.end_date::text AS end_date, (e.end_date - ?::date)::text AS days_left
       FROM ending e JOIN noticed n ON n.contract_id = e.id`,
      [day, day, DEFAULT_BILLING_SETTINGS.contractNoticeDays, tenant, tenant, day],
    ), (row) => ({
      type: 'contract.ending_soon',
      subject: row.id!,
      data: { customerId: row.customer_id, contractId: row.id, number: row.number, endDate: row.end_date, daysLeft: Number(row.days_left) },
    }));
  }

  /**
   * Dunning. Pending payment reminders of invoices that are no longer overdue are
   * cancelled; each OVERDUE invoice gets the reminder of the highest step of its
   * tenant's schedule it has reached (`afterDays` past the due date), once per
   * level, with the late penalty (fee + rate × outstanding, to the cent); ACTIVE
   * contracts that do not renew get one reminder within the notice period before
   * their end. `reminder.created` for each new one.
   */
  async generateReminders(scope: JobScope = {}): Promise<number> {
    const day = scope.today ?? todayUtc();
    const tenant = scope.tenantId ?? null;
    return this.em.transactional(async (tx) => {
      await tx.execute(
        `UPDATE billing.reminder r SET status = 'CANCELLED', cancelled_at = now(), updated_at = now(), version = r.version + 1
         FROM billing.invoice i
         WHERE r.invoice_id = i.id AND r.status = 'PENDING' AND i.status <> 'OVERDUE' AND (?::text IS NULL OR r.tenant_id = ?)`,
        [tenant, tenant],
      );
      const created = await tx.execute<(TenantRow & Record<string, string>)[]>(
        `WITH policy AS (
           SELECT t.tenant_id, coalesce(s.reminder_schedule, ?::jsonb) AS schedule, coalesce(s.late_fee, 0) AS late_fee,
             coalesce(s.late_interest_rate, 0) AS rate, coalesce(s.contract_notice_days, ?) AS notice_days
           FROM (SELECT DISTINCT tenant_id FROM billing.invoice WHERE status = 'OVERDUE' AND (?::text IS NULL OR tenant_id = ?)
                 UNION SELECT DISTINCT tenant_id FROM billing.contract WHERE status = 'ACTIVE' AND NOT auto_renew AND end_date IS NOT NULL
                   AND (?::text IS NULL OR tenant_id = ?)) t
           LEFT JOIN billing.settings s ON s.tenant_id = t.tenant_id
         ), reached AS (
           SELECT DISTINCT ON (i.id) i.tenant_id, i.id, i.customer_id, i.number, i.currency, i.total - i.paid_amount AS outstanding,
             step.level::int AS level, step.value->>'channel' AS channel, p.late_fee, p.rate
           FROM policy p
           JOIN billing.invoice i ON i.tenant_id = p.tenant_id AND i.status = 'OVERDUE'
           CROSS JOIN LATERAL jsonb_array_elements(p.schedule) WITH ORDINALITY AS step(value, level)
           WHERE i.due_date + (step.value->>'afterDays')::int <= ?::date
           ORDER BY i.id, step.level DESC
         ), payment AS (
           INSERT INTO billing.reminder (id, tenant_id, customer_id, kind, invoice_id, level, channel, status, subject, scheduled_on, penalty,
             currency, automatic, created_by)
           SELECT gen_random_uuid(), r.tenant_id, r.customer_id, 'PAYMENT', r.id, r.level, r.channel, 'PENDING',
             'Invoice ' || r.number || ': reminder ' || r.level, ?::date, r.late_fee + round(r.outstanding * r.rate, 2), r.currency, true, 'system:billing-jobs'
           FROM reached r
           ON CONFLICT (invoice_id, level) WHERE automatic AND invoice_id IS NOT NULL DO NOTHING
           RETURNING *
         ), contract AS (
           INSERT INTO billing.reminder (id, tenant_id, customer_id, kind, contract_id, level, channel, status, subject, scheduled_on, penalty,
             currency, automatic, created_by)
           SELECT gen_random_uuid(), c.tenant_id, c.customer_id, 'CONTRACT_END', c.id, 1, 'EMAIL', 'PENDING',
             'Contract ' || c.number || ' ends on ' || c.end_date, ?::date, 0, c.currency, true, 'system:billing-jobs'
           FROM policy p JOIN billing.contract c ON c.tenant_id = p.tenant_id
           WHERE c.status = 'ACTIVE' AND NOT c.auto_renew AND c.end_date BETWEEN ?::date AND ?::date + p.notice_days
           ON CONFLICT (contract_id, level) WHERE automatic AND contract_id IS NOT NULL DO NOTHING
           RETURNING *
         )
         SELECT tenant_id, id, customer_id, kind, invoice_id, contract_id, level::text, channel, penalty::text FROM payment
         UNION ALL SELECT tenant_id, id, customer_id, kind, invoice_id, contract_id, level::text, channel, penalty::text FROM contract`,
        [JSON.stringify(DEFAULT_BILLING_SETTINGS.reminderSchedule), DEFAULT_BILLING_SETTINGS.contractNoticeDays, tenant, tenant, tenant, tenant, day, day, day, day, day],
      );
      await recordPerTenant(tx, created, (row) => ({
        type: 'reminder.created',
        subject: row.id!,
        data: { customerId: row.customer_id, reminderId: row.id, kind: row.kind, invoiceId: row.invoice_id, contractId: row.contract_id,
          level: Number(row.level), channel: row.channel, penalty: row.penalty },
      }));
      return created.length;
    });
  }

  /**
   * Live arrangements: COMPLETED once the customer's payments since the day it
   * was agreed (up to the cutoff) cover its amount; BROKEN when the cutoff date
   * has passed without that (`arrangement.broken`, which service suspension
   * can react to).
   */
  settleArrangements(scope: JobScope = {}): Promise<number> {
    return this.inBatches(scope, (tx, day, tenant) => tx.execute(
      `WITH settled AS (
         SELECT a.id, paid.total AS paid, CASE WHEN paid.total >= a.amount THEN 'COMPLETED' ELSE 'BROKEN' END AS status
         FROM billing.payment_arrangement a
         CROSS JOIN LATERAL (
           SELECT coalesce(sum(p.amount), 0) AS total FROM billing.payment p
           WHERE p.tenant_id = a.tenant_id AND p.customer_id = a.customer_id
             AND p.received_at >= a.agreed_on AND p.received_at < a.cutoff_date + 1
         ) paid
         WHERE a.status IN ('PENDING', 'OPEN') AND (?::text IS NULL OR a.tenant_id = ?) AND (paid.total >= a.amount OR a.cutoff_date < ?::date)
         LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED
       )
       UPDATE billing.payment_arrangement a SET status = s.status, closed_at = now(), updated_at = now(), version = a.version + 1,
         change_reason = CASE WHEN s.status = 'COMPLETED' THEN 'paid' ELSE 'cutoff date passed unpaid' END
       FROM settled s WHERE a.id = s.id
       RETURNING a.tenant_id, a.id, a.customer_id, a.status, a.amount::text AS amount, s.paid::text AS paid, a.cutoff_date::text AS cutoff_date`,
      [tenant, tenant, day],
    ), arrangementSettledEvent);
  }

  /**
   * The auto-pay safety net: issued invoices of customers on auto-pay that were
   * never charged (the process stopped between issue and charge, or the invoice
   * came from an event) are charged now, one at a time, as in `chargeInvoice`.
   * Invoices of the last minutes are left to the request that issued them.
   */
  async chargePendingAutoPay(scope: JobScope = {}): Promise<number> {
    const tenant = scope.tenantId ?? null;
    const pending = await this.em.execute<{ tenant_id: string; id: string }[]>(
      `SELECT i.tenant_id, i.id FROM billing.payment_method m
       JOIN billing.invoice i ON i.tenant_id = m.tenant_id AND i.customer_id = m.customer_id AND i.status IN ('ISSUED', 'PARTIALLY_PAID', 'OVERDUE')
       WHERE m.auto_pay AND (?::text IS NULL OR m.tenant_id = ?)
         AND i.issued_at < ?::timestamptz - interval '${AUTOPAY_GRACE_MINUTES} minutes'
         AND NOT EXISTS (SELECT 1 FROM billing.payment_attempt a WHERE a.invoice_id = i.id)
       ORDER BY i.issued_at LIMIT ${BATCH}`,
      [tenant, tenant, scope.now ?? new Date()],
    );
    let charged = 0;
    for (const invoice of pending) {
      const attempt = await chargeInvoice(this.em.fork(), invoice.tenant_id, { ...this.charges, actor: systemCaller(invoice.tenant_id) }, invoice.id, { automatic: true });
      if (attempt?.status === 'SUCCEEDED') charged += 1;
    }
    return charged;
  }

  /**
   * Runs a claiming statement (`FOR UPDATE SKIP LOCKED`, LIMIT BATCH) and records
   * one event per changed row, in one transaction, until a batch comes back
   * short.
   */
  private async inBatches(
    scope: JobScope,
    claim: (tx: EntityManager, day: string, tenant: string | null) => Promise<unknown>,
    event: (row: Record<string, string>) => DomainEvent,
  ): Promise<number> {
    const day = scope.today ?? todayUtc();
    const tenant = scope.tenantId ?? null;
    let total = 0;
    for (;;) {
      const rows = await this.em.transactional(async (tx) => {
        const changed = (await claim(tx, day, tenant)) as (TenantRow & Record<string, string>)[];
        await recordPerTenant(tx, changed, event);
        return changed;
      });
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }
}

/*
 * The events of the passes, from the rows they changed (the demo data records
 * them too, for its past).
 */
export const invoiceOverdueEvent = (row: Record<'id' | 'customer_id' | 'number' | 'due_date' | 'outstanding', string>): DomainEvent => ({
  type: 'invoice.overdue', subject: row.id, data: { customerId: row.customer_id, invoiceId: row.id, number: row.number, dueDate: row.due_date, outstanding: row.outstanding },
});

export const quoteExpiredEvent = (row: Record<'id' | 'customer_id' | 'number' | 'valid_until', string>): DomainEvent => ({
  type: 'quote.expired', subject: row.id, data: { customerId: row.customer_id, quoteId: row.id, number: row.number, validUntil: row.valid_until },
});

/** A live arrangement settled: COMPLETED (paid in time) or BROKEN (cutoff passed unpaid). */
export const arrangementSettledEvent = (row: Record<'id' | 'customer_id' | 'status' | 'amount' | 'paid' | 'cutoff_date', string>): DomainEvent => ({
  type: row.status === 'COMPLETED' ? 'arrangement.completed' : 'arrangement.broken',
  subject: row.id,
  data: { customerId: row.customer_id, arrangementId: row.id, amount: row.amount, paid: row.paid, cutoffDate: row.cutoff_date },
});

/** Outbox rows carry their tenant: events of a batch spanning tenants are written per tenant. */
async function recordPerTenant<R extends TenantRow>(tx: EntityManager, rows: R[], event: (row: R) => DomainEvent): Promise<void> {
  const byTenant = new Map<string, DomainEvent[]>();
  for (const row of rows) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), event(row)]);
  for (const [tenantId, events] of byTenant) await recordEvents(tx, 'billing', tenantId, events);
}
