import { SCALE_NOW, planned, ISP_SIZE, shareSql, sqlTextArray, weighted, type ScaleSession } from '@c360/kit';
import { PAYMENT_METHODS } from '../modules/payment/payment.entity.ts';
import { DEFAULT_TAX_PROFILE, type TaxProfileValue } from '../modules/tax/tax.calculation.ts';

/**
 * What the ISP bills. A customer subscribes to a set of items billed on every
 * invoice; `quantity` null means it varies per invoice (minutes used, hours of
 * a technician's visit). `billing` is how the catalogue sells it: MONTHLY
 * items become subscriptions, ONE_TIME ones are quoted and billed once.
 */
export const CATALOG = [
  { code: 'FIBRE100', fr: 'Internet Fibre 100', en: 'Fibre Internet 100', quantity: 1, price: '54.95', billing: 'MONTHLY' },
  { code: 'FIBRE500', fr: 'Internet Fibre 500', en: 'Fibre Internet 500', quantity: 1, price: '74.95', billing: 'MONTHLY' },
  { code: 'FIBRE1000', fr: 'Internet Fibre 1000', en: 'Fibre Internet 1000', quantity: 1, price: '94.95', billing: 'MONTHLY' },
  { code: 'BIZ1000', fr: 'Internet Affaires 1 Gb/s', en: 'Business Internet 1 Gbps', quantity: 1, price: '249.95', billing: 'MONTHLY' },
  { code: 'MODEM', fr: 'Location modem Wi-Fi 6', en: 'Wi-Fi 6 modem rental', quantity: 1, price: '5.00', billing: 'MONTHLY' },
  { code: 'VOIP', fr: 'Ligne VoIP résidentielle', en: 'Home VoIP line', quantity: 1, price: '19.99', billing: 'MONTHLY' },
  { code: 'VOIP5', fr: 'Lignes VoIP affaires', en: 'Business VoIP lines', quantity: 5, price: '24.99', billing: 'MONTHLY' },
  { code: 'LD', fr: 'Minutes interurbaines', en: 'Long-distance minutes', quantity: null, price: '0.05', billing: 'ONE_TIME' },
  { code: 'IP', fr: 'Adresse IP fixe', en: 'Static IP address', quantity: 1, price: '10.00', billing: 'MONTHLY' },
  { code: 'IPBLOCK', fr: 'Bloc de 8 adresses IP fixes', en: 'Block of 8 static IP addresses', quantity: 1, price: '40.00', billing: 'MONTHLY' },
  // A discount on the invoice: never sold on its own (the catalogue has no negative prices).
  { code: 'REBATE', fr: 'Rabais fidélité', en: 'Loyalty discount', quantity: 1, price: '-10.00', billing: null },
  { code: 'VISIT', fr: 'Visite de technicien (heures)', en: 'Technician visit (hours)', quantity: null, price: '95.00', billing: 'ONE_TIME' },
  // Quoted only: installation and equipment sold with a subscription.
  { code: 'INSTALL', fr: 'Installation et raccordement', en: 'Installation and hookup', quantity: 1, price: '99.00', billing: 'ONE_TIME' },
  { code: 'ROUTER', fr: 'Routeur Wi-Fi 6 (achat)', en: 'Wi-Fi 6 router (purchase)', quantity: 1, price: '149.99', billing: 'ONE_TIME' },
] as const;

/** The tenant's stored profile; a tenant without one gets the default (Quebec), stored so that the API agrees. */
export async function taxProfile(session: ScaleSession): Promise<TaxProfileValue> {
  await session.query(
    'INSERT INTO billing.tax_profile (tenant_id, currency, taxes) VALUES ($1, $2, $3::jsonb) ON CONFLICT (tenant_id) DO NOTHING',
    [session.tenantId, DEFAULT_TAX_PROFILE.currency, JSON.stringify(DEFAULT_TAX_PROFILE.taxes)],
  );
  const [row] = await session.query<TaxProfileValue>('SELECT currency, taxes FROM billing.tax_profile WHERE tenant_id = $1', [session.tenantId]);
  return row!;
}

/**
 * Temp tables of the session that every part of billing's scale data reads:
 * the catalog (`billing_catalog`), the taxes (`billing_tax`) and each
 * customer's billing habits (`billing_customer`: what they subscribe to, how
 * and when they pay, how many invoices they get).
 */
export async function planCustomers(session: ScaleSession, profile: TaxProfileValue): Promise<void> {
  await session.query(`CREATE TEMP TABLE billing_catalog AS
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code text, fr text, en text, quantity numeric, price numeric, billing text)`, [JSON.stringify(CATALOG)]);
  await session.query(`CREATE TEMP TABLE billing_tax AS
    SELECT (n - 1)::smallint AS position, tax->>'code' AS code, tax->>'name' AS name, (tax->>'rate')::numeric AS rate
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(tax, n)`, [JSON.stringify(profile.taxes)]);
  await session.planTable('billing_customer', PLAN_CUSTOMERS, [SCALE_NOW, planned(session.plan, ISP_SIZE.invoices), PAYMENT_METHODS], ['idx', 'customer_id']);
}

// Invoices per customer: one per month of their tenure (five for the heavy tail, who keep all of them);
// the others share the rest of the planned count in proportion to their tenure, keeping the most recent months.
// Customers the plan suspends are late payers whose last three invoices are unpaid (suspended for non-payment).
// $1 now, $2 invoices to plan, $3 payment methods.
const PLAN_CUSTOMERS = `
  WITH habit AS (
    SELECT c.idx, c.id AS customer_id, c.heavy, c.language, c.since, c.until, c.suspended_since, c.location_ids,
      date_trunc('month', coalesce(c.until, $1::timestamptz)) - interval '1 month' AS last_month,
      greatest(1, (extract(year FROM age(coalesce(c.until, $1::timestamptz), c.since)) * 12
        + extract(month FROM age(coalesce(c.until, $1::timestamptz), c.since)))::int) AS months,
      CASE WHEN c.heavy THEN 5 ELSE 1 END AS cadence,
      CASE WHEN c.heavy THEN 'prompt' WHEN c.suspended_since IS NOT NULL THEN 'late'
        ELSE pg_temp.scale_pick('payer/' || c.idx, ${sqlTextArray(weighted({ prompt: 7, late: 2, partial: 1 }))}) END AS payer,
      -- Invoices one payment settles: half the customers pay each invoice, the others two or three at a time.
      CASE WHEN c.heavy THEN 1 ELSE pg_temp.scale_pick('group/' || c.idx, '{1,1,1,2,2,3}'::int[]) END AS group_size,
      pg_temp.scale_rand('credit/' || c.idx) < 0.06 AS credit,
      pg_temp.scale_pick('method/' || c.idx, $3::text[]) AS method,
      pg_temp.scale_rand('voip/' || c.idx) < 0.3 AS voip
    FROM pg_temp.scale_customer c
  )
  SELECT h.*,
    pg_temp.scale_int('day/' || h.idx, 1, 28 / h.cadence) AS bill_day,
    CASE WHEN h.payer = 'prompt' THEN 0 WHEN h.suspended_since IS NOT NULL THEN 3 ELSE pg_temp.scale_int('tail/' || h.idx, 1, 3) END AS unpaid_tail,
    CASE WHEN h.heavy THEN '{BIZ1000,IPBLOCK,VOIP5,LD}'::text[] ELSE array_remove(ARRAY[
      pg_temp.scale_pick('plan/' || h.idx, ${sqlTextArray(weighted({ FIBRE100: 2, FIBRE500: 3, FIBRE1000: 1 }))}),
      CASE WHEN pg_temp.scale_rand('modem/' || h.idx) < 0.4 THEN 'MODEM' END,
      CASE WHEN h.voip THEN 'VOIP' END,
      CASE WHEN h.voip THEN 'LD' END,
      CASE WHEN pg_temp.scale_rand('ip/' || h.idx) < 0.08 THEN 'IP' END,
      CASE WHEN pg_temp.scale_rand('rebate/' || h.idx) < 0.15 THEN 'REBATE' END
    ], NULL) END AS items,
    CASE WHEN h.heavy THEN h.months * h.cadence
      ELSE ${shareSql(`($2::int - sum(CASE WHEN h.heavy THEN h.months * h.cadence ELSE 0 END) OVER ())`, 'CASE WHEN h.heavy THEN 0 ELSE h.months END', 'h.idx')}
    END AS invoice_count
  FROM habit h`;
