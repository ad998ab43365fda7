import { ISP_SIZE, SCALE_NOW, SCALE_STAFF, SCALE_VOLUMES, insertPlannedSql, planned, sqlTextArray, weighted, type ScaleSession } from '@c360/kit';
import { documentNumberSql } from '../modules/numbering/document-number.ts';
import { DEFAULT_BILLING_SETTINGS } from '../modules/settings/settings.entity.ts';

const CHUNK = 10_000;
/** Who billing's scheduled jobs act as (`systemCaller`): the author of automatic reminders. */
const JOBS = 'system:billing-jobs';
const PAST_ARRANGEMENT = weighted({ COMPLETED: 15, BROKEN: 4, CANCELLED: 1 });
const ARRANGEMENT_METHOD = weighted({ PHONE: 4, PORTAL: 2, CHEQUE: 1, PRE_AUTHORIZED: 1 });

/**
 * Collections, read from the invoices just seeded: credit limits and the
 * append-only credit ledger (corrections are new entries pointing at the entry
 * they correct); payment arrangements (7 283 at scale 1, for about 1 700 late
 * payers), a customer's last one live while they owe overdue invoices, broken
 * just before the plan suspended them; the reminders the default schedule had
 * sent by "now" for each overdue invoice (the last level still PENDING) and for
 * contracts ending within the notice period; loyalty vouchers.
 */
export async function seedCollections(session: ScaleSession, currency: string): Promise<void> {
  const { plan, tenantId } = session;
  await session.planTable('billing_overdue', `SELECT customer_id, sum(total - paid_amount) AS outstanding FROM billing.invoice
    WHERE tenant_id = $1 AND status = 'OVERDUE' GROUP BY customer_id`, [tenantId], ['customer_id']);

  const accounts = planned(plan, SCALE_VOLUMES.creditAccounts);
  await session.fill('billing.customer_account', accounts, CHUNK, (from, to) => session.insert(INSERT_ACCOUNTS, [tenantId, from, to]), {
    prepare: () => session.planShares('billing_account_plan', accounts, { weight: `CASE WHEN c.heavy THEN 1 ELSE pg_temp.scale_rand('account/' || c.idx) END` }),
  });

  const entries = planned(plan, SCALE_VOLUMES.creditLedgerEntries);
  await session.fill('billing.credit_ledger_entry', entries, CHUNK, (from, to) => session.insert(INSERT_LEDGER, [tenantId, from, to, currency, SCALE_STAFF, SCALE_NOW]), {
    prepare: () => session.planShares('billing_ledger_plan', entries, { weight: `pg_temp.scale_rand('ledger/' || c.idx) ^ 3` }),
  });

  const arrangements = planned(plan, ISP_SIZE.paymentArrangements);
  await session.fill('billing.payment_arrangement', arrangements, CHUNK, (from, to) => session.insert(INSERT_ARRANGEMENTS, [tenantId, from, to, currency]), {
    prepare: async () => {
      // Late payers (three customers in ten): about one in two of them negotiated, four times on average.
      await session.planShares('billing_arrangement_share', arrangements, {
        from: 'pg_temp.billing_customer b LEFT JOIN pg_temp.billing_overdue o ON o.customer_id = b.customer_id',
        columns: 'b.idx, b.customer_id, b.language, b.since, b.until, b.suspended_since, o.outstanding',
        order: 'b.idx',
        weight: `CASE WHEN b.suspended_since IS NOT NULL THEN 4
          WHEN b.payer <> 'prompt' AND pg_temp.scale_rand('arranged/' || b.idx) < 0.47 THEN 1 + 6 * pg_temp.scale_rand('arrangements/' || b.idx) ELSE 0 END`,
      });
      await session.planTable('billing_arrangement_plan', PLAN_ARRANGEMENTS, [SCALE_NOW, SCALE_STAFF], ['number']);
    },
  });

  const { reminderSchedule, lateFee, lateInterestRate, contractNoticeDays } = DEFAULT_BILLING_SETTINGS;
  const reminders = await session.planTable('billing_reminder_plan', PLAN_REMINDERS, [tenantId, SCALE_NOW, JSON.stringify(reminderSchedule), contractNoticeDays]);
  await session.fill('billing.reminder', reminders, CHUNK,
    (from, to) => session.insert(INSERT_REMINDERS, [tenantId, from, to, lateFee, lateInterestRate, JOBS, currency]));

  const vouchers = planned(plan, SCALE_VOLUMES.vouchers);
  await session.fill('billing.voucher', vouchers, CHUNK, (from, to) => session.insert(INSERT_VOUCHERS, [tenantId, from, to, currency, SCALE_NOW]), {
    prepare: () => session.planShares('billing_voucher_plan', vouchers, { weight: `CASE WHEN c.until IS NULL THEN pg_temp.scale_rand('voucher/' || c.idx) ELSE 0 END` }),
  });
}

const INSERT_ACCOUNTS = insertPlannedSql('billing.customer_account', 'billing_account_plan', [], {
  customer_id: 'p.id', credit_limit: `pg_temp.scale_pick('limit/' || p.idx, '{250,500,500,1000,2500,5000}'::numeric[])`, updated_at: 'p.since',
});

// $1 tenant, $2..$3 plan rows, $4 currency, $5 staff, $6 now. Goodwill credits and counter purchases spread over the
// customer's tenure; an odd-ranked entry is now and then the correction of the one before it (the opposite kind, the same
// amount, half an hour later), so that a correction never corrects a correction.
const INSERT_LEDGER = `
  WITH entry AS (
    SELECT p.*, p.k % 2 = 1 AND pg_temp.scale_rand('correction/' || p.idx || '/' || p.k) < 0.14 AS correction
    FROM pg_temp.billing_ledger_plan p
    WHERE p.n >= $2 AND p.n < $3
  ), target AS (
    -- What an entry is, or corrects: its own rank, or the one before.
    SELECT e.*, CASE WHEN e.correction THEN e.k - 1 ELSE e.k END AS t FROM entry e
  ), drawn AS (
    SELECT t.*, pg_temp.scale_rand('ledger-kind/' || t.idx || '/' || t.t) < 0.6 AS goodwill,
      pg_temp.scale_pick('ledger-amount/' || t.idx || '/' || t.t, '{5.00,10.00,15.00,25.00,40.00}'::numeric[]) AS amount,
      date_trunc('second', t.since + (coalesce(t.until, $6::timestamptz) - t.since) * ((t.t + 0.9 * pg_temp.scale_rand('ledger-at/' || t.idx || '/' || t.t)) / t.count)) AS at
    FROM target t
  )
  INSERT INTO billing.credit_ledger_entry (id, tenant_id, customer_id, kind, amount, currency, description, author, corrects_id, created_at)
  SELECT pg_temp.scale_id('ledger/' || d.idx || '/' || d.k), $1, d.id,
    CASE WHEN d.goodwill <> d.correction THEN 'CREDIT' ELSE 'DEBIT' END, d.amount, $4,
    CASE WHEN d.correction THEN CASE d.language WHEN 'en' THEN 'Correction: entered twice' ELSE 'Correction : saisie en double' END
      WHEN d.goodwill THEN CASE d.language WHEN 'en' THEN 'Goodwill credit: service outage' ELSE 'Crédit de courtoisie : panne de service' END
      ELSE CASE d.language WHEN 'en' THEN 'Counter purchase: network cable' ELSE 'Achat au comptoir : câble réseau' END END,
    pg_temp.scale_pick('ledger-author/' || d.idx || '/' || d.k, $5::text[]),
    CASE WHEN d.correction THEN pg_temp.scale_id('ledger/' || d.idx || '/' || d.t) END,
    d.at + CASE WHEN d.correction THEN interval '35 minutes' ELSE interval '0' END
  FROM drawn d
  ORDER BY d.n
  ON CONFLICT DO NOTHING`;

// $1 now, $2 staff. Past arrangements lie in their slice of the customer's history up to two months before the end of it
// (a suspension, their departure or "now"); the last one is live (OPEN, now and then still PENDING) for the amount of
// their overdue invoices while they owe some, or, for a customer the plan suspended, broken just before the suspension.
const PLAN_ARRANGEMENTS = `
  WITH arrangement AS (
    SELECT s.*, pg_temp.scale_id('arrangement/' || s.idx || '/' || s.k) AS id,
      CASE WHEN s.k < s.count - 1 THEN 'PAST' WHEN s.suspended_since IS NOT NULL THEN 'BEFORE_SUSPENSION'
        WHEN s.until IS NULL AND s.outstanding > 0 THEN 'LIVE' ELSE 'PAST' END AS phase,
      greatest(s.since + interval '2 days', coalesce(s.suspended_since, s.until, $1::timestamptz) - interval '60 days') AS history_end
    FROM pg_temp.billing_arrangement_share s
  ), agreed AS (
    SELECT a.*,
      CASE a.phase
        WHEN 'LIVE' THEN $1::date - pg_temp.scale_int('agreed/' || a.id, 1, 10)
        WHEN 'BEFORE_SUSPENSION' THEN a.suspended_since::date - pg_temp.scale_int('agreed/' || a.id, 22, 40)
        ELSE (a.since + (a.history_end - a.since) * ((a.k + 0.8 * pg_temp.scale_rand('agreed/' || a.id)) / a.count))::date
      END AS agreed_on
    FROM arrangement a
  ), due AS (
    SELECT g.*,
      CASE g.phase
        WHEN 'LIVE' THEN $1::date + pg_temp.scale_int('due/' || g.id, 5, 20)
        WHEN 'BEFORE_SUSPENSION' THEN g.suspended_since::date - 8
        ELSE g.agreed_on + pg_temp.scale_int('due/' || g.id, 7, 30) END AS due_date
    FROM agreed g
  ), settled AS (
  SELECT d.*,
    CASE WHEN d.phase = 'BEFORE_SUSPENSION' THEN d.suspended_since::date - 1 ELSE d.due_date + pg_temp.scale_int('cutoff/' || d.id, 3, 10) END AS cutoff_date,
    CASE WHEN d.phase = 'LIVE' THEN CASE WHEN pg_temp.scale_rand('pending/' || d.id) < 0.005 THEN 'PENDING' ELSE 'OPEN' END
      WHEN d.phase = 'BEFORE_SUSPENSION' THEN 'BROKEN'
      -- A customer of a few weeks whose cutoff would still be to come: the agreement was replaced (cancelled) instead.
      WHEN d.due_date + 10 >= $1::date THEN 'CANCELLED'
      ELSE pg_temp.scale_pick('status/' || d.id, ${sqlTextArray(PAST_ARRANGEMENT)}) END AS status,
    CASE WHEN d.phase = 'LIVE' THEN round(d.outstanding, 2)
      ELSE pg_temp.scale_pick('amount/' || d.id, '{50.00,75.00,100.00,150.00,200.00,250.00,300.00}'::numeric[]) END AS amount,
    CASE WHEN pg_temp.scale_rand('method-set/' || d.id) < 0.9 THEN pg_temp.scale_pick('method/' || d.id, ${sqlTextArray(ARRANGEMENT_METHOD)}) END AS method,
    pg_temp.scale_pick('staff/' || d.id, $2::text[]) AS created_by
  FROM due d
  )
  -- Legacy ids follow time across the tenant.
  SELECT (row_number() OVER (ORDER BY s.agreed_on, s.id) - 1)::int AS number, s.* FROM settled s`;

// $1 tenant, $2..$3 plan rows, $4 currency. Settled ones were closed as the settling job does: completed when paid (by
// the due date), broken the morning after the cutoff, cancelled a few days after they were agreed.
const INSERT_ARRANGEMENTS = `
  INSERT INTO billing.payment_arrangement (id, tenant_id, external_id, customer_id, amount, currency, agreed_on, due_date, cutoff_date, method,
    status, staff_note, change_reason, created_by, closed_at, created_at, updated_at)
  SELECT a.id, $1, 'AP-' || (a.number + 1), a.customer_id, a.amount, $4, a.agreed_on, a.due_date, a.cutoff_date, a.method, a.status,
    CASE a.language WHEN 'en' THEN 'By phone with the customer' ELSE 'Par téléphone avec le client' END,
    CASE a.status WHEN 'COMPLETED' THEN 'paid' WHEN 'BROKEN' THEN 'cutoff date passed unpaid' WHEN 'CANCELLED' THEN 'replaced by a new agreement' END,
    a.created_by, x.closed_at, a.agreed_on + time '11:00', coalesce(x.closed_at, a.agreed_on + time '11:00')
  FROM pg_temp.billing_arrangement_plan a
  CROSS JOIN LATERAL (SELECT CASE a.status
    WHEN 'COMPLETED' THEN greatest(a.agreed_on, a.due_date - pg_temp.scale_int('paid/' || a.id, 0, 5)) + time '14:00'
    WHEN 'BROKEN' THEN a.cutoff_date + 1 + time '06:00'
    WHEN 'CANCELLED' THEN a.agreed_on + pg_temp.scale_int('cancelled/' || a.id, 1, 5) + time '10:00' END AS closed_at) x
  WHERE a.number >= $2 AND a.number < $3
  ORDER BY a.number
  ON CONFLICT DO NOTHING`;

// $1 tenant, $2 now, $3 the reminder schedule, $4 notice days. As the daily run (06:30) left them the day before "now"
// (midnight): every level of the schedule an overdue invoice had reached (the earlier ones SENT, the last one PENDING),
// and a reminder for each running contract that does not renew and ends within the notice period.
const PLAN_REMINDERS = `
  WITH payment AS (
    SELECT i.customer_id, 'PAYMENT' AS kind, i.id AS invoice_id, NULL::uuid AS contract_id, step.level::int AS level, step.value->>'channel' AS channel,
      'Invoice ' || i.number || ': reminder ' || step.level AS subject, i.due_date + (step.value->>'afterDays')::int AS scheduled_on,
      i.total - i.paid_amount AS outstanding, i.currency,
      step.level = max(step.level) OVER (PARTITION BY i.id) AS last
    FROM billing.invoice i CROSS JOIN LATERAL jsonb_array_elements($3::jsonb) WITH ORDINALITY AS step(value, level)
    WHERE i.tenant_id = $1 AND i.status = 'OVERDUE' AND i.due_date + (step.value->>'afterDays')::int < $2::date
  ), contract AS (
    SELECT c.customer_id, 'CONTRACT_END', NULL::uuid, c.id, 1, 'EMAIL', 'Contract ' || ${documentNumberSql(DEFAULT_BILLING_SETTINGS.contractPrefix, 'c.n + 1')} || ' ends on ' || c.end_date,
      $2::date - 1, 0::numeric, NULL::text, true
    FROM pg_temp.billing_contract_plan c
    WHERE c.status = 'ACTIVE' AND NOT c.auto_renew AND c.end_date BETWEEN $2::date AND $2::date - 1 + $4::int
  ), reminder AS (
    SELECT * FROM payment UNION ALL SELECT * FROM contract
  )
  SELECT (row_number() OVER (ORDER BY r.scheduled_on, r.invoice_id, r.contract_id, r.level) - 1)::int AS n, r.*,
    pg_temp.scale_id('reminder/' || coalesce(r.invoice_id, r.contract_id) || '/' || r.level) AS id
  FROM reminder r`;

// $4 late fee, $5 late interest rate, $6 author, $7 currency.
const INSERT_REMINDERS = insertPlannedSql('billing.reminder', 'billing_reminder_plan',
  ['id', 'customer_id', 'kind', 'invoice_id', 'contract_id', 'level', 'channel', 'subject', 'scheduled_on'], {
    status: `CASE WHEN p.last THEN 'PENDING' ELSE 'SENT' END`,
    penalty: `CASE WHEN p.kind = 'PAYMENT' THEN $4::numeric + round(p.outstanding * $5::numeric, 2) ELSE 0 END`,
    currency: 'coalesce(p.currency, $7)',
    automatic: 'true',
    created_by: '$6',
    sent_at: `CASE WHEN NOT p.last THEN p.scheduled_on + time '09:00' END`,
    created_at: `p.scheduled_on + time '06:30'`,
    updated_at: `CASE WHEN p.last THEN p.scheduled_on + time '06:30' ELSE p.scheduled_on + time '09:00' END`,
  });

// $1 tenant, $2..$3 plan rows, $4 currency, $5 now. Loyalty vouchers given to current customers over the last year.
const INSERT_VOUCHERS = `
  INSERT INTO billing.voucher (id, tenant_id, code, kind, amount, percent, currency, description, valid_from, valid_until, customer_id, attached_at,
    created_at, updated_at)
  SELECT pg_temp.scale_id('voucher/' || v.idx), $1, 'FIDELITE-' || lpad((v.n + 1)::text, 5, '0'),
    CASE WHEN x.percent THEN 'PERCENT' ELSE 'AMOUNT' END, CASE WHEN x.percent THEN NULL ELSE 25.00 END, CASE WHEN x.percent THEN 10 END, $4,
    CASE v.language WHEN 'en' THEN 'Thank you for your loyalty' ELSE 'Merci de votre fidélité' END,
    x.given::date, x.given::date + 365, v.id, x.given, x.given, x.given
  FROM pg_temp.billing_voucher_plan v
  CROSS JOIN LATERAL (SELECT pg_temp.scale_rand('voucher-kind/' || v.idx) < 0.2 AS percent,
    date_trunc('second', greatest(v.since, $5::timestamptz - make_interval(days => pg_temp.scale_int('given/' || v.idx, 1, 365)))) AS given) x
  WHERE v.n >= $2 AND v.n < $3
  ORDER BY v.n
  ON CONFLICT DO NOTHING`;
