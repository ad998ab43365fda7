import { ISP_SIZE, planned, type ScaleSession } from '@c360/kit';
import { loadBillingEnv } from '../env.ts';
import { ReferenceCipher, type ProcessorReferences } from '../modules/payment-method/reference-cipher.ts';

const CHUNK = 2_000;

interface MethodPlan {
  n: number;
  id: string;
  customer_id: string;
  kind: 'CARD' | 'PROCESSOR_PROFILE' | 'BANK_DEBIT';
  auto_pay: boolean;
  brand: string;
  last4: string;
  expiry: string | null;
  auto_pay_limit: string | null;
}

/**
 * The payment methods on file, as the reference ISP has them: Stripe cards
 * (a few charged automatically), legacy Paysafe profiles, bank pre-authorised
 * debits (charged automatically; a customer with both keeps the card for
 * manual payments, so that one method per customer is on auto-pay). Only
 * processor references are kept, sealed with the subgraph's key
 * (`PAYMENT_METHOD_KEY`, the dev key by default) by `ReferenceCipher` itself,
 * so that the API opens them; card numbers never, their last four digits only.
 */
export async function seedPaymentMethods(session: ScaleSession, currency: string): Promise<void> {
  const { plan, tenantId } = session;
  const counts = { CARD: planned(plan, ISP_SIZE.stripeCards), PROCESSOR_PROFILE: planned(plan, ISP_SIZE.paysafeProfiles), BANK_DEBIT: planned(plan, ISP_SIZE.bankDebits) };
  const total = counts.CARD + counts.PROCESSOR_PROFILE + counts.BANK_DEBIT;
  let methods: MethodPlan[] = [];
  const cipher = new ReferenceCipher(loadBillingEnv().PAYMENT_METHOD_KEY);
  await session.fill('billing.payment_method', total, CHUNK, (from, to) => session.insert(INSERT_METHODS, [
    tenantId, currency, cipher.keyId, JSON.stringify(methods.slice(from, to).map((method) => ({ ...method, sealed: seal(cipher, tenantId, method) }))),
  ]), {
    prepare: async () => {
      // Each kind goes to current customers drawn by their own hash, at most one of a kind per customer.
      for (const [kind, count] of Object.entries(counts)) {
        await session.planShares(`billing_${kind.toLowerCase()}_share`, count, { weight: `CASE WHEN c.until IS NULL THEN pg_temp.scale_rand('${kind}/' || c.idx) ELSE 0 END` });
      }
      methods = await session.query<MethodPlan>(PLAN_METHODS, [planned(plan, ISP_SIZE.stripeAutoPay)]);
    },
  });
}

/** The processor's handles of a method, derived from its id (deterministic), sealed for its row. */
function seal(cipher: ReferenceCipher, tenantId: string, method: MethodPlan): string {
  const handle = method.id.replaceAll('-', '');
  const references: ProcessorReferences = method.kind === 'CARD'
    ? { customerReference: `cus_${handle.slice(0, 14)}`, methodReference: `pm_${handle.slice(14, 38)}` }
    : method.kind === 'PROCESSOR_PROFILE'
      ? { customerReference: `${handle.slice(0, 8)}-${handle.slice(8, 12)}-${handle.slice(12, 16)}-${handle.slice(16, 20)}-${handle.slice(20)}`, methodReference: `card_${handle.slice(4, 20)}` }
      : { customerReference: null, methodReference: `pad_${handle.slice(0, 20)}` };
  return cipher.seal(references, { tenantId, id: method.id }).toString('base64');
}

// $1 cards on auto-pay. Bank debits are charged automatically; cards only for customers without one, the first ones by hash.
const PLAN_METHODS = `
  WITH method AS (
    SELECT idx, id AS customer_id, 'CARD' AS kind FROM pg_temp.billing_card_share
    UNION ALL SELECT idx, id, 'PROCESSOR_PROFILE' FROM pg_temp.billing_processor_profile_share
    UNION ALL SELECT idx, id, 'BANK_DEBIT' FROM pg_temp.billing_bank_debit_share
  ), ranked AS (
    SELECT m.*, pg_temp.scale_id('payment-method/' || m.idx || '/' || m.kind) AS id,
      m.kind = 'CARD' AND NOT EXISTS (SELECT 1 FROM pg_temp.billing_bank_debit_share b WHERE b.idx = m.idx) AS may_auto_pay
    FROM method m
  ), chosen AS (
    SELECT r.*, row_number() OVER (PARTITION BY r.may_auto_pay ORDER BY pg_temp.scale_rand('auto-pay/' || r.id), r.id) AS auto_rank FROM ranked r
  )
  SELECT (row_number() OVER (ORDER BY c.idx, c.kind) - 1)::int AS n, c.id, c.customer_id, c.kind,
    c.kind = 'BANK_DEBIT' OR (c.may_auto_pay AND c.auto_rank <= $1::int) AS auto_pay,
    pg_temp.scale_pick('brand/' || c.id, '{Visa,Visa,Mastercard,Amex}'::text[]) AS brand,
    lpad(pg_temp.scale_int('last4/' || c.id, 0, 9999)::text, 4, '0') AS last4,
    CASE WHEN c.kind <> 'BANK_DEBIT' THEN lpad(pg_temp.scale_int('month/' || c.id, 1, 12)::text, 2, '0') || '/' || pg_temp.scale_int('year/' || c.id, 27, 31) END AS expiry,
    CASE WHEN pg_temp.scale_rand('limit/' || c.id) < 0.2 THEN '300.00' END AS auto_pay_limit
  FROM chosen c
  ORDER BY n`;

// $1 tenant, $2 currency, $3 key id, $4 rows (JSON) with their sealed references (base64).
const INSERT_METHODS = `
  INSERT INTO billing.payment_method (id, tenant_id, customer_id, kind, processor, label, masked_number, expiry, auto_pay, auto_pay_limit, currency,
    reference_sealed, key_id)
  SELECT r.id, $1, r.customer_id, r.kind,
    CASE r.kind WHEN 'CARD' THEN 'STRIPE' WHEN 'PROCESSOR_PROFILE' THEN 'PAYSAFE' ELSE 'BANK' END,
    CASE r.kind WHEN 'BANK_DEBIT' THEN 'Débit préautorisé •••• ' ELSE r.brand || ' •••• ' END || r.last4, '•••• ' || r.last4, r.expiry,
    r.auto_pay, CASE WHEN r.auto_pay THEN r.auto_pay_limit::numeric END, $2, decode(r.sealed, 'base64'), $3
  FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, customer_id uuid, kind text, auto_pay boolean, brand text, last4 text, expiry text,
    auto_pay_limit text, sealed text)
  ON CONFLICT DO NOTHING`;
