import { ISP_SIZE, SCALE_NOW, insertPlannedSql, planned, sqlTextArray, weighted, type ScaleSession } from '@c360/kit';
import { documentNumberSql } from '../modules/numbering/document-number.ts';
import { DEFAULT_BILLING_SETTINGS } from '../modules/settings/settings.entity.ts';
import type { TaxProfileValue } from '../modules/tax/tax.calculation.ts';
import { CATALOG } from './plan.ts';

const CHUNK = 10_000;
const QUOTES_PER_TAX_CHUNK = 2_000;
const { quotePrefix, contractPrefix, quoteValidityDays } = DEFAULT_BILLING_SETTINGS;
const LATER_QUOTE = { past: weighted({ ACCEPTED: 9, REFUSED: 5, EXPIRED: 6 }), open: weighted({ DRAFT: 1, SENT: 2 }) };

/**
 * The catalogue, the quotes (908 at scale 1, for about 530 customers), the
 * contracts and the subscriptions. A customer with quotes signed up through
 * the first one: it was accepted and converted, as `QuoteService.accept` does,
 * into a contract and one subscription per monthly line (their plan and
 * options, what their invoices bill). Later quotes sell one-time items (a
 * router, a technician's visit) or an upgrade, in every status; an accepted
 * one became a one-off contract, delivered and expired. Customers without a
 * quote have the same subscriptions without a contract; some companies have a
 * yearly support contract. Numbers follow time, counters are moved past them.
 */
export async function seedDocuments(session: ScaleSession, profile: TaxProfileValue): Promise<void> {
  const { tenantId } = session;
  const products = CATALOG.filter((item) => item.billing).length;
  await session.fill('billing.product', products, CHUNK, () => session.insert(INSERT_PRODUCTS, [tenantId, profile.currency]));

  const quotes = planned(session.plan, ISP_SIZE.quotes);
  // About one customer in 23 had quotes; weights from 1 to 3 give them 1.7 quotes on average.
  await session.planShares('billing_quote_share', quotes, {
    weight: `CASE WHEN pg_temp.scale_rand('quoted/' || c.idx) < 0.0441 THEN 1 + 2 * pg_temp.scale_rand('quotes/' || c.idx) ELSE 0 END`,
    columns: 'c.idx, c.id AS customer_id',
  });
  await session.planTable('billing_quote_plan', PLAN_QUOTES, [SCALE_NOW, quoteValidityDays]);
  const quoteLines = await session.planTable('billing_quote_line_plan', PLAN_QUOTE_LINES, [], ['n', 'quote_id']);
  await setCounter(session, 'QUOTE', quotes);
  await session.fill('billing.quote', quotes, CHUNK, (from, to) => session.insert(INSERT_QUOTES, [tenantId, from, to, profile.currency]));
  await session.fill('billing.quote_line', quoteLines, CHUNK, (from, to) => session.insert(INSERT_QUOTE_LINES, [tenantId, from, to]));
  // Both sections of a quote have a row per tax, written by slices of quotes.
  const taxesPerQuote = 2 * profile.taxes.length;
  await session.fill('billing.quote_tax', quotes * taxesPerQuote, QUOTES_PER_TAX_CHUNK * taxesPerQuote,
    (from, to) => session.insert(INSERT_QUOTE_TAXES, [tenantId, from / taxesPerQuote, to / taxesPerQuote]));

  const contracts = await session.planTable('billing_contract_plan', PLAN_CONTRACTS, [SCALE_NOW], ['n', 'customer_id']);
  await setCounter(session, 'CONTRACT', contracts);
  await session.fill('billing.contract', contracts, CHUNK, (from, to) => session.insert(INSERT_CONTRACTS, [tenantId, from, to, profile.currency]));

  const subscriptions = await session.planTable('billing_subscription_plan', PLAN_SUBSCRIPTIONS, [SCALE_NOW]);
  await session.fill('billing.subscription', subscriptions, CHUNK,
    (from, to) => session.insert(INSERT_SUBSCRIPTIONS, [tenantId, from, to, profile.currency]));
}

/** Documents created live continue after the seeded numbers. */
function setCounter(session: ScaleSession, kind: 'QUOTE' | 'CONTRACT', count: number) {
  return session.query(
    `INSERT INTO billing.document_counter AS c (tenant_id, kind, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_number = greatest(c.last_number, excluded.last_number)`,
    [session.tenantId, kind, count],
  );
}

// $1 tenant, $2 currency. Everything the catalog sells (not the loyalty discount, which only appears on invoices).
const INSERT_PRODUCTS = `
  INSERT INTO billing.product (id, tenant_id, sku, description, unit_price, currency, billing)
  SELECT pg_temp.scale_id('product/' || c.code), $1, c.code, c.fr, c.price, $2, c.billing
  FROM pg_temp.billing_catalog c WHERE c.billing IS NOT NULL
  ORDER BY c.code
  ON CONFLICT DO NOTHING`;

// $1 now, $2 days a quote is valid. Numbered by date across the tenant; the first quote of a customer is their sign-up.
const PLAN_QUOTES = `
  WITH quote AS (
    SELECT s.idx, s.customer_id, s.k, b.language, b.items, b.location_ids, b.since, b.until,
      pg_temp.scale_id('quote/' || s.idx || '/' || s.k) AS id,
      CASE WHEN s.k = 0 THEN b.since::date
        -- A day before "now" at the latest: a quote is written during office hours.
        ELSE least($1::date - 1,
          (b.since + (coalesce(b.until, $1::timestamptz) - b.since) * ((s.k + pg_temp.scale_rand('quoted-on/' || s.idx || '/' || s.k)) / s.count))::date)
      END AS quoted_on
    FROM pg_temp.billing_quote_share s JOIN pg_temp.billing_customer b USING (idx)
  ), decided AS (
    SELECT q.*, q.quoted_on + $2::int AS valid_until,
      CASE WHEN q.k = 0 THEN 'ACCEPTED'
        WHEN q.quoted_on + $2::int + 1 >= $1::date THEN pg_temp.scale_pick('open/' || q.id, ${sqlTextArray(LATER_QUOTE.open)})
        ELSE pg_temp.scale_pick('decided/' || q.id, ${sqlTextArray(LATER_QUOTE.past)}) END AS status
    FROM quote q
  )
  SELECT (row_number() OVER (ORDER BY d.quoted_on, d.id) - 1)::int AS n, d.*,
    CASE WHEN d.status <> 'DRAFT' THEN d.quoted_on + time '10:00' END AS sent_at,
    CASE d.status
      WHEN 'EXPIRED' THEN d.valid_until + 1 + time '06:00'
      WHEN 'ACCEPTED' THEN d.quoted_on + pg_temp.scale_int('decide/' || d.id, 1, 14) + time '15:00'
      WHEN 'REFUSED' THEN d.quoted_on + pg_temp.scale_int('decide/' || d.id, 1, 14) + time '15:00' END AS decided_at
  FROM decided d`;

// The sign-up quote: installation (and a router for half of them) once, their plan and options monthly. A later one: one
// one-time item, and for an upgrade that was not accepted a monthly line. One-time lines first, as the API stores them.
const PLAN_QUOTE_LINES = `
  WITH line AS (
    SELECT q.n AS quote_n, q.id AS quote_id, q.language, l.*
    FROM pg_temp.billing_quote_plan q
    CROSS JOIN LATERAL (
      SELECT 0 AS section_no, 0 AS position, 'ONE_TIME' AS section,
        CASE WHEN q.k = 0 THEN 'INSTALL' ELSE pg_temp.scale_pick('one-time/' || q.id, '{ROUTER,VISIT,VISIT,INSTALL}'::text[]) END AS code
      UNION ALL SELECT 0, 1, 'ONE_TIME', 'ROUTER' WHERE q.k = 0 AND pg_temp.scale_rand('router/' || q.id) < 0.5
      UNION ALL SELECT 1, i.n::int, 'MONTHLY', i.code FROM unnest(q.items) WITH ORDINALITY AS i(code, n) WHERE q.k = 0
      UNION ALL SELECT 1, 0, 'MONTHLY', pg_temp.scale_pick('upgrade/' || q.id, '{FIBRE1000,IP,MODEM}'::text[])
        WHERE q.k > 0 AND q.status <> 'ACCEPTED' AND pg_temp.scale_rand('upgrade/' || q.id) < 0.5
    ) l
  )
  SELECT (row_number() OVER (ORDER BY l.quote_n, l.section_no, l.position) - 1)::int AS n, l.quote_n, l.quote_id, l.section, l.code,
    (row_number() OVER (PARTITION BY l.quote_id ORDER BY l.section_no, l.position) - 1)::smallint AS line_no,
    CASE l.language WHEN 'en' THEN c.en ELSE c.fr END AS description,
    coalesce(c.quantity, pg_temp.scale_pick('hours/' || l.quote_id, '{1,1.5,2}'::numeric[])) AS quantity, c.price AS unit_price
  FROM line l JOIN pg_temp.billing_catalog c ON c.code = l.code AND c.billing = l.section`;

/** Each quote's sections priced like an invoice: line = round(quantity × price, 2), each tax on the section's subtotal. */
const QUOTE_SECTIONS = `
  section AS (
    SELECT q.n, q.id, s.section, coalesce(sum(round(l.quantity * l.unit_price, 2)), 0) AS subtotal
    FROM pg_temp.billing_quote_plan q
    CROSS JOIN (VALUES ('ONE_TIME'), ('MONTHLY')) AS s(section)
    LEFT JOIN pg_temp.billing_quote_line_plan l ON l.quote_id = q.id AND l.section = s.section
    WHERE q.n >= $2 AND q.n < $3
    GROUP BY q.n, q.id, s.section
  ), tax AS (
    SELECT s.*, t.position, t.code, t.name, t.rate, round(s.subtotal * t.rate, 2) AS amount FROM section s CROSS JOIN pg_temp.billing_tax t
  )`;

// $1 tenant, $2..$3 plan rows, $4 currency.
const INSERT_QUOTES = `
  WITH ${QUOTE_SECTIONS}, total AS (
    SELECT n, section, min(subtotal) AS subtotal, sum(amount) AS tax_total FROM tax GROUP BY n, section
  )
  INSERT INTO billing.quote (id, tenant_id, external_id, customer_id, service_location_id, number, status, currency, quoted_on, valid_until, terms,
    one_time_subtotal, one_time_tax_total, one_time_total, monthly_subtotal, monthly_tax_total, monthly_total, sent_at, decided_at,
    created_at, updated_at)
  SELECT q.id, $1, 'SOUM-' || (q.n + 1), q.customer_id, q.location_ids[1], ${documentNumberSql(quotePrefix, 'q.n + 1')}, q.status, $4,
    q.quoted_on, q.valid_until,
    CASE q.language WHEN 'en' THEN 'Payable within 30 days. Installation within 10 business days.'
      ELSE 'Paiement à 30 jours. Installation sous 10 jours ouvrables.' END,
    o.subtotal, o.tax_total, o.subtotal + o.tax_total, m.subtotal, m.tax_total, m.subtotal + m.tax_total, q.sent_at, q.decided_at,
    q.quoted_on + time '09:00', coalesce(q.decided_at, q.sent_at, q.quoted_on + time '09:00')
  FROM pg_temp.billing_quote_plan q
  JOIN total o ON o.n = q.n AND o.section = 'ONE_TIME'
  JOIN total m ON m.n = q.n AND m.section = 'MONTHLY'
  ORDER BY q.n
  ON CONFLICT DO NOTHING`;

const INSERT_QUOTE_LINES = insertPlannedSql('billing.quote_line', 'billing_quote_line_plan',
  ['quote_id', 'line_no', 'section', 'description', 'quantity', 'unit_price'], { product_id: `pg_temp.scale_id('product/' || p.code)` });

// $1 tenant, $2..$3 quotes (two sections of taxes each): the rows of the quotes in the range.
const INSERT_QUOTE_TAXES = `
  WITH ${QUOTE_SECTIONS}
  INSERT INTO billing.quote_tax (quote_id, section, position, tenant_id, code, name, rate, amount)
  SELECT t.id, t.section, t.position, $1, t.code, t.name, t.rate, t.amount
  FROM tax t
  ORDER BY t.n, t.section, t.position
  ON CONFLICT DO NOTHING`;

// $1 now. Accepted quotes became contracts on the day they were accepted (monthly for the sign-up, a
// one-off delivered and expired the next day otherwise); some companies buy yearly support, renewed automatically
// (ending after "now") or not (expired, or still running). A customer who left ended their running contracts then.
const PLAN_CONTRACTS = `
  WITH from_quote AS (
    SELECT pg_temp.scale_id('contract/' || q.id) AS id, q.customer_id, q.until, 'SERVICE' AS type, q.decided_at::date AS start_date,
      CASE WHEN q.k = 0 THEN NULL ELSE q.decided_at::date END AS end_date,
      CASE WHEN q.k = 0 THEN 'MONTHLY' ELSE 'ONE_OFF' END AS periodicity,
      sum(round(l.quantity * l.unit_price, 2)) FILTER (WHERE l.section = CASE WHEN q.k = 0 THEN 'MONTHLY' ELSE 'ONE_TIME' END) AS amount,
      false AS auto_renew, q.id AS quote_id, 'From quote ' || ${documentNumberSql(quotePrefix, 'q.n + 1')} AS description
    FROM pg_temp.billing_quote_plan q JOIN pg_temp.billing_quote_line_plan l ON l.quote_id = q.id
    WHERE q.status = 'ACCEPTED'
    GROUP BY q.id, q.customer_id, q.until, q.k, q.decided_at, q.n
  ), support AS (
    SELECT b.idx, b.customer_id, b.until, b.language,
      (b.since + (coalesce(b.until, $1::timestamptz) - b.since) * pg_temp.scale_rand('support-start/' || b.idx))::date AS start_date,
      b.heavy OR pg_temp.scale_rand('support-renews/' || b.idx) < 0.5 AS auto_renew
    FROM pg_temp.billing_customer b
    WHERE b.heavy OR (cardinality(b.location_ids) > 1 AND pg_temp.scale_rand('support/' || b.idx) < 0.1)
  ), yearly AS (
    SELECT pg_temp.scale_id('contract/support/' || s.idx) AS id, s.customer_id, s.until, 'SUPPORT', s.start_date,
      -- Renewing contracts have been renewed up to the year that includes "now".
      (s.start_date + make_interval(years => CASE WHEN s.auto_renew
        THEN extract(year FROM age(coalesce(s.until, $1::timestamptz)::date, s.start_date))::int + 1 ELSE 1 END) - interval '1 day')::date,
      'ANNUAL', 120.00, s.auto_renew, NULL::uuid,
      CASE s.language WHEN 'en' THEN 'Priority support: answer within 4 business hours' ELSE 'Soutien prioritaire : réponse en 4 heures ouvrables' END
    FROM support s
  ), contract AS (
    SELECT * FROM from_quote UNION ALL SELECT * FROM yearly
  )
  SELECT (row_number() OVER (ORDER BY c.start_date, c.id) - 1)::int AS n, c.*,
    CASE WHEN c.end_date < $1::date AND NOT c.auto_renew AND (c.until IS NULL OR c.end_date < c.until) THEN 'EXPIRED'
      WHEN c.until IS NOT NULL THEN 'TERMINATED' ELSE 'ACTIVE' END AS status,
    CASE WHEN c.end_date < $1::date AND NOT c.auto_renew AND (c.until IS NULL OR c.end_date < c.until) THEN c.end_date + 1 + time '06:00'
      WHEN c.until IS NOT NULL THEN c.until END AS ended_at
  FROM contract c`;

// $4 currency.
const INSERT_CONTRACTS = insertPlannedSql('billing.contract', 'billing_contract_plan',
  ['id', 'customer_id', 'type', 'start_date', 'end_date', 'periodicity', 'status', 'amount', 'auto_renew', 'quote_id', 'description', 'ended_at'], {
    number: documentNumberSql(contractPrefix, 'p.n + 1'),
    currency: '$4',
    created_at: `p.start_date + time '15:00'`,
    updated_at: `coalesce(p.ended_at, p.start_date + time '15:00')`,
  });

// $1 now. One subscription per monthly item a customer is billed for, at their first location: from the contract of their
// sign-up quote when they had one. Current ones are next billed on their billing day after "now".
const PLAN_SUBSCRIPTIONS = `
  SELECT (row_number() OVER (ORDER BY b.idx, i.n) - 1)::int AS n, b.idx, b.customer_id, b.location_ids[1] AS location_id, b.until,
    i.code, CASE b.language WHEN 'en' THEN c.en ELSE c.fr END AS description, c.quantity, c.price,
    k.id AS contract_id, coalesce(k.start_date, b.since::date) AS start_date,
    CASE WHEN b.until IS NULL THEN
      date_trunc('month', $1::timestamptz)::date + (b.bill_day - 1)
        + CASE WHEN date_trunc('month', $1::timestamptz)::date + (b.bill_day - 1) < $1::date THEN interval '1 month' ELSE interval '0' END
    END::date AS next_billing_date
  FROM pg_temp.billing_customer b
  CROSS JOIN LATERAL unnest(b.items) WITH ORDINALITY AS i(code, n)
  JOIN pg_temp.billing_catalog c ON c.code = i.code AND c.billing = 'MONTHLY'
  LEFT JOIN pg_temp.billing_contract_plan k ON k.customer_id = b.customer_id AND k.periodicity = 'MONTHLY' AND k.quote_id IS NOT NULL`;

// $4 currency.
const INSERT_SUBSCRIPTIONS = insertPlannedSql('billing.subscription', 'billing_subscription_plan',
  ['customer_id', 'contract_id', 'description', 'quantity', 'start_date', 'next_billing_date'], {
    id: `pg_temp.scale_id('subscription/' || p.idx || '/' || p.code)`,
    service_location_id: 'p.location_id',
    product_id: `pg_temp.scale_id('product/' || p.code)`,
    unit_price: 'p.price',
    currency: '$4',
    frequency: `'MONTHLY'`,
    status: `CASE WHEN p.until IS NULL THEN 'ACTIVE' ELSE 'CANCELLED' END`,
    cancelled_at: 'p.until',
    created_at: `p.start_date + time '15:00'`,
    updated_at: `coalesce(p.until, p.start_date + time '15:00')`,
  });
