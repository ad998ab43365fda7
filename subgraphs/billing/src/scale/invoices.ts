import { ISP_SIZE, SCALE_NOW, planned, shareSql, type ScaleBar, type ScaleSession } from '@c360/kit';
import { invoiceNumberSql } from '../modules/numbering/document-number.ts';
import type { TaxProfileValue } from '../modules/tax/tax.calculation.ts';

const INVOICE_CHUNK = 10_000;
const PAYMENT_CHUNK_CUSTOMERS = 2_000;

interface Bars {
  invoices: ScaleBar;
  lines: ScaleBar;
  taxes: ScaleBar;
  payments: ScaleBar;
  allocations: ScaleBar;
}

/**
 * Ten years of monthly invoices (weekly-ish for the heavy tail) priced in SQL
 * with the rounding of `priceInvoice` (line = round(quantity × price, 2), each
 * tax = round(subtotal × rate, 2), half away from zero), and the payments that
 * settle them, one payment covering one to three invoices. Late payers leave
 * their last invoices unpaid (OVERDUE), some pay the oldest of them in part, a
 * few keep credit. Invoice numbers follow issue time across the tenant, and the
 * counter is moved past them first, so that invoices created live continue
 * without a gap. The session already holds `billing_customer` (plan.ts).
 */
export async function seedInvoices(session: ScaleSession, profile: TaxProfileValue): Promise<void> {
  const invoiceCount = planned(session.plan, ISP_SIZE.invoices);
  const paymentCount = planned(session.plan, ISP_SIZE.payments);
  const existing = { invoices: await session.existing('billing.invoice'), payments: await session.existing('billing.payment') };
  if (existing.invoices >= invoiceCount && existing.payments >= paymentCount) {
    await skipAll(session);
    return;
  }
  const onConflict = conflictClause(existing.invoices + existing.payments);

  await session.query(
    `INSERT INTO billing.invoice_counter AS c (tenant_id, last_number) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = greatest(c.last_number, excluded.last_number)`,
    [session.tenantId, invoiceCount],
  );
  await planInvoices(session, paymentCount);
  const { bars, rows } = await openBars(session, invoiceCount, profile);
  // Most of the rows of the whole seed: one bulk load (indexes and foreign keys rebuilt after it).
  await session.bulkLoad(rows, async () => {
    await session.inChunks(invoiceCount, INVOICE_CHUNK, async (from, to) => {
      const [row] = await session.query<Record<string, number>>(insertInvoicesSql(onConflict), [session.tenantId, from, to, profile.currency, SCALE_NOW]);
      bars.invoices.advance(row!.invoices!, row!.new_invoices!);
      bars.lines.advance(row!.lines!, row!.new_lines!);
      bars.taxes.advance(row!.taxes!, row!.new_taxes!);
    });
    // Payments read their invoices back by id: the planner needs to know the table has grown.
    await session.analyze(['billing.invoice']);
    await session.inChunks(session.plan.customers.length, PAYMENT_CHUNK_CUSTOMERS, async (from, to) => {
      const [row] = await session.query<Record<string, number>>(insertPaymentsSql(onConflict), [session.tenantId, from, to, profile.currency]);
      bars.payments.advance(row!.payments!, row!.new_payments!);
      bars.allocations.advance(row!.allocations!, row!.new_allocations!);
    });
  });
  await session.analyze(['billing.invoice', 'billing.invoice_line', 'billing.invoice_tax', 'billing.payment', 'billing.payment_allocation']);
}

/** A bar per table, and the rows each is planned to receive. */
async function openBars(session: ScaleSession, invoiceCount: number, profile: TaxProfileValue): Promise<{ bars: Bars; rows: Record<string, number> }> {
  const [totals] = await session.query<{ lines: number; allocations: number }>(
    'SELECT sum(n_lines)::int AS lines, (count(*) FILTER (WHERE has_payment))::int AS allocations FROM pg_temp.billing_invoice_plan',
  );
  const rows = {
    'billing.invoice': invoiceCount,
    'billing.invoice_line': totals?.lines ?? 0,
    'billing.invoice_tax': invoiceCount * profile.taxes.length,
    'billing.payment': planned(session.plan, ISP_SIZE.payments),
    'billing.payment_allocation': totals?.allocations ?? 0,
  };
  return {
    rows,
    bars: {
      invoices: session.bar('billing.invoice', rows['billing.invoice']),
      lines: session.bar('billing.invoice_line', rows['billing.invoice_line']),
      taxes: session.bar('billing.invoice_tax', rows['billing.invoice_tax']),
      payments: session.bar('billing.payment', rows['billing.payment']),
      allocations: session.bar('billing.payment_allocation', rows['billing.payment_allocation']),
    },
  };
}

/** Both headers complete (their children are inserted in the same statements): every table skipped. */
async function skipAll(session: ScaleSession): Promise<void> {
  for (const table of ['billing.invoice', 'billing.invoice_line', 'billing.invoice_tax', 'billing.payment', 'billing.payment_allocation']) {
    const count = await session.existing(table);
    session.bar(table, count).skip(count);
  }
}

/**
 * How the inserts treat rows that are there already: skipped on a rerun (the tenant holds some of them);
 * on a first load none can be, and checking for them would add ~30 % to each insert.
 */
const conflictClause = (existingRows: number) => (existingRows > 0 ? 'ON CONFLICT DO NOTHING' : '');

/** Every invoice to issue (`billing_invoice_plan`), numbered in issue order, with the payment that settles it. */
async function planInvoices(session: ScaleSession, paymentCount: number): Promise<void> {
  await session.planTable('billing_invoice_plan', PLAN_INVOICES, [SCALE_NOW, paymentCount], ['number', 'idx']);
}

// One row per invoice, s = 0 being a customer's newest. Unpaid: the late payers' last invoices and any
// invoice whose payment would arrive after "now"; the oldest unpaid invoice of a partial payer is half paid.
// Each customer's settled invoices are grouped, oldest first, into their share of the planned payments
// (at least one, never more than their invoices). $1 now, $2 payments to plan.
const PLAN_INVOICES = `
  WITH invoice AS MATERIALIZED (
    SELECT b.idx, b.customer_id, b.payer, b.unpaid_tail, b.group_size, s.s,
      pg_temp.scale_id('invoice/' || b.idx || '/' || s.s) AS id,
      greatest(b.since, b.last_month - make_interval(months => s.s / b.cadence)
        + make_interval(days => b.bill_day - 1 + (s.s % b.cadence) * (28 / b.cadence), hours => 8, mins => pg_temp.scale_int('minute/' || b.idx || '/' || s.s, 0, 59))) AS issued_at,
      cardinality(b.items) AS n_items
    FROM pg_temp.billing_customer b CROSS JOIN LATERAL generate_series(0, b.invoice_count - 1) AS s(s)
  ), dated AS MATERIALIZED (
    SELECT i.*, (i.issued_at + interval '30 days')::date AS due_date,
      i.issued_at + make_interval(days => pg_temp.scale_int('delay/' || i.id, 3, 28), secs => pg_temp.scale_int('second/' || i.id, 0, 36000)) AS paid_at,
      pg_temp.scale_rand('visit/' || i.id) < 0.03 AS visit
    FROM invoice i
  ), settled AS (
    SELECT d.*,
      d.payer = 'partial' AND d.s = d.unpaid_tail - 1 AND d.paid_at <= $1::timestamptz AS partial,
      (d.s >= d.unpaid_tail OR (d.payer = 'partial' AND d.s = d.unpaid_tail - 1)) AND d.paid_at <= $1::timestamptz AS has_payment
    FROM dated d
  ), ranked AS (
    SELECT s.*,
      count(*) FILTER (WHERE s.has_payment) OVER (PARTITION BY s.idx ORDER BY s.s DESC) - 1 AS paid_rank,
      count(*) FILTER (WHERE s.has_payment) OVER (PARTITION BY s.idx) AS paid_count
    FROM settled s
  ), payer AS (
    SELECT p.idx, p.paid_count,
      (p.paid_count > 0)::int + ${shareSql(
        '($2::int - count(*) FILTER (WHERE p.paid_count > 0) OVER ())',
        'greatest(p.paid_count::numeric / p.group_size - 1, 0)',
        'p.idx',
      )} AS payment_count
    FROM (SELECT DISTINCT idx, paid_count, group_size FROM ranked) p
  )
  SELECT row_number() OVER (ORDER BY r.issued_at, r.id) AS number, r.id, r.idx, r.customer_id, r.issued_at, r.due_date, r.paid_at,
    r.visit, r.partial, r.has_payment, r.n_items + r.visit::int AS n_lines,
    CASE WHEN r.has_payment THEN (r.paid_rank * p.payment_count / r.paid_count)::int END AS payment_no,
    p.payment_count
  FROM ranked r JOIN payer p USING (idx)`;

// One statement per slice of invoice numbers: headers, lines and taxes (`onConflict` as `conflictClause` says).
// A header that was there already came with its children in the same statement, so ON CONFLICT skips those too:
// no join with the new headers, whose row estimates made PostgreSQL 18 hash the taxes in 256 batches, a temp file
// each, in every slice. Children go in key order: neighbouring keys share their index pages.
// $1 tenant, $2..$3 numbers (exclusive, inclusive), $4 currency, $5 now.
const insertInvoicesSql = (onConflict: string) => `
  WITH invoice AS (
    SELECT p.*, c.items, c.language FROM pg_temp.billing_invoice_plan p JOIN pg_temp.billing_customer c USING (idx)
    WHERE p.number > $2 AND p.number <= $3
  ), line AS (
    SELECT i.id AS invoice_id, (l.n - 1)::smallint AS line_no,
      CASE i.language WHEN 'en' THEN item.en ELSE item.fr END AS description,
      coalesce(item.quantity, CASE l.code
        WHEN 'LD' THEN pg_temp.scale_int('minutes/' || i.id, 20, 400)::numeric
        ELSE pg_temp.scale_pick('hours/' || i.id, '{0.5,1,1.5,2.25}'::numeric[]) END) AS quantity,
      item.price AS unit_price
    FROM invoice i
    CROSS JOIN LATERAL unnest(i.items || CASE WHEN i.visit THEN '{VISIT}'::text[] ELSE '{}'::text[] END) WITH ORDINALITY AS l(code, n)
    JOIN pg_temp.billing_catalog item ON item.code = l.code
  ), subtotal AS (
    SELECT invoice_id, sum(round(quantity * unit_price, 2)) AS subtotal FROM line GROUP BY invoice_id
  ), tax AS (
    SELECT s.invoice_id, t.position, t.code, t.name, t.rate, round(s.subtotal * t.rate, 2) AS amount
    FROM subtotal s CROSS JOIN pg_temp.billing_tax t
  ), priced AS (
    SELECT i.*, s.subtotal, x.tax_total, s.subtotal + x.tax_total AS total
    FROM invoice i
    JOIN subtotal s ON s.invoice_id = i.id
    JOIN (SELECT invoice_id, sum(amount) AS tax_total FROM tax GROUP BY invoice_id) x ON x.invoice_id = i.id
  ), new_invoice AS (
    INSERT INTO billing.invoice (id, tenant_id, customer_id, number, status, currency, issued_at, due_date,
      subtotal, tax_total, total, paid_amount, created_at, updated_at)
    SELECT p.id, $1, p.customer_id, ${invoiceNumberSql('p.number')},
      CASE WHEN p.has_payment AND NOT p.partial THEN 'PAID' WHEN p.due_date < $5::date THEN 'OVERDUE'
        WHEN p.partial THEN 'PARTIALLY_PAID' ELSE 'ISSUED' END,
      $4, p.issued_at, p.due_date, p.subtotal, p.tax_total, p.total,
      CASE WHEN p.partial THEN round(p.total / 2, 2) WHEN p.has_payment THEN p.total ELSE 0 END,
      p.issued_at, CASE WHEN p.has_payment THEN p.paid_at ELSE p.issued_at END
    FROM priced p ORDER BY p.number
    ${onConflict}
    RETURNING 1
  ), new_line AS (
    INSERT INTO billing.invoice_line (invoice_id, line_no, tenant_id, description, quantity, unit_price)
    SELECT l.invoice_id, l.line_no, $1, l.description, l.quantity, l.unit_price FROM line l ORDER BY l.invoice_id, l.line_no
    ${onConflict}
    RETURNING 1
  ), new_tax AS (
    INSERT INTO billing.invoice_tax (invoice_id, position, tenant_id, code, name, rate, amount)
    SELECT t.invoice_id, t.position, $1, t.code, t.name, t.rate, t.amount FROM tax t ORDER BY t.invoice_id, t.position
    ${onConflict}
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM invoice)::int AS invoices, (SELECT count(*) FROM line)::int AS lines, (SELECT count(*) FROM tax)::int AS taxes,
    (SELECT count(*) FROM new_invoice)::int AS new_invoices, (SELECT count(*) FROM new_line)::int AS new_lines,
    (SELECT count(*) FROM new_tax)::int AS new_taxes`;

// One statement per slice of customers: each payment is the sum of what it pays on its invoices (read back
// from the invoices, so it always agrees with them), received when the last of them was paid; a customer
// with credit overpaid their last payment by 20.00. As with invoices, allocations of a payment that was there
// already are skipped by ON CONFLICT, and go in key order. $1 tenant, $2..$3 customer indexes, $4 currency.
const insertPaymentsSql = (onConflict: string) => `
  WITH allocation AS (
    SELECT p.idx, p.customer_id, p.payment_no, p.payment_count, p.paid_at, i.id AS invoice_id, i.paid_amount AS amount
    FROM pg_temp.billing_invoice_plan p JOIN billing.invoice i ON i.id = p.id
    WHERE p.has_payment AND p.idx >= $2 AND p.idx < $3
  ), payment AS (
    SELECT pg_temp.scale_id('payment/' || a.idx || '/' || a.payment_no) AS id, a.idx, a.customer_id, a.payment_no,
      sum(a.amount) AS allocated, max(a.paid_at) AS received_at,
      bool_or(c.credit AND a.payment_no = a.payment_count - 1) AS overpaid, min(c.method) AS method
    FROM allocation a JOIN pg_temp.billing_customer c USING (idx)
    GROUP BY a.idx, a.customer_id, a.payment_no
  ), new_payment AS (
    INSERT INTO billing.payment (id, tenant_id, customer_id, amount, currency, method, reference, received_at, allocated_amount, created_at)
    SELECT p.id, $1, p.customer_id, p.allocated + CASE WHEN p.overpaid THEN 20.00 ELSE 0 END, $4, p.method,
      CASE p.method
        WHEN 'CARD' THEN 'ch_' || left(md5(p.id::text), 24)
        WHEN 'CHEQUE' THEN 'CHQ ' || pg_temp.scale_int('cheque/' || p.id, 100, 9999)
        WHEN 'BANK_TRANSFER' THEN 'VIR-' || upper(left(md5(p.id::text), 10))
        WHEN 'DIRECT_DEBIT' THEN 'DPA-' || upper(left(md5(p.id::text), 10))
      END,
      p.received_at, p.allocated, p.received_at
    FROM payment p ORDER BY p.idx, p.payment_no
    ${onConflict}
    RETURNING 1
  ), new_allocation AS (
    INSERT INTO billing.payment_allocation (payment_id, invoice_id, tenant_id, amount)
    SELECT p.id, a.invoice_id, $1, a.amount FROM allocation a JOIN payment p USING (idx, payment_no) ORDER BY p.id, a.invoice_id
    ${onConflict}
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM payment)::int AS payments, (SELECT count(*) FROM allocation)::int AS allocations,
    (SELECT count(*) FROM new_payment)::int AS new_payments, (SELECT count(*) FROM new_allocation)::int AS new_allocations`;
