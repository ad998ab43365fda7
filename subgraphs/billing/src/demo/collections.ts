import { amount, demoId, roundToCents, type DemoTenant, type EntityManager } from '@c360/kit';
import { loadBillingEnv } from '../env.ts';
import { PAYMENT_METHOD_COLUMNS } from '../modules/payment-method/payment-method.entity.ts';
import { ReferenceCipher } from '../modules/payment-method/reference-cipher.ts';
import { DEFAULT_BILLING_SETTINGS, type BillingSettingsValue } from '../modules/settings/settings.entity.ts';
import { addDays } from '../modules/shared/dates.ts';
import type { TaxProfileValue } from '../modules/tax/tax.calculation.ts';
import { DAY, REFERENCE_DATE, insertRows, type DemoAccount, type Row } from './rows.ts';

/** Acme shows configured penalties and a shorter schedule; the other tenants use the defaults. */
const DEMO_SETTINGS: Record<string, BillingSettingsValue> = {
  acme: { ...DEFAULT_BILLING_SETTINGS, lateFee: '10.00', lateInterestRate: '0.01', reminderSchedule: [{ afterDays: 1, channel: 'EMAIL' }, { afterDays: 10, channel: 'LETTER' }], contractNoticeDays: 45 },
};

const CARDS = [['Visa', '4242', '08/29'], ['Mastercard', '4444', '11/28'], ['Amex', '0005', '03/27']] as const;
const STAFF = 'demo:agent';

/**
 * Credit limits and ledger entries (a correction among them), payment
 * arrangements for customers with overdue invoices (open, completed, broken),
 * saved cards and bank debits (references sealed with the configured key,
 * some on auto-pay), the reminders the schedule would have made by the
 * reference date, and vouchers (a welcome percentage, an expired one, loyalty
 * vouchers attached to customers, one used on nothing yet). Returns the rows it inserted.
 */
export async function seedCollections(tx: EntityManager, tenant: DemoTenant, profile: TaxProfileValue, accounts: DemoAccount[]): Promise<CollectionRows> {
  const settings = DEMO_SETTINGS[tenant.id] ?? DEFAULT_BILLING_SETTINGS;
  if (DEMO_SETTINGS[tenant.id]) {
    await tx.execute(
      `INSERT INTO billing.settings (tenant_id, late_fee, late_interest_rate, reminder_schedule, contract_notice_days) VALUES (?, ?, ?, ?::jsonb, ?)
       ON CONFLICT DO NOTHING`,
      [tenant.id, settings.lateFee, settings.lateInterestRate, JSON.stringify(settings.reminderSchedule), settings.contractNoticeDays],
    );
  }
  const id = (...parts: (string | number)[]) => demoId(tenant.id, ...parts);
  const insert = (rows: object[], sql: string, params: unknown[] = []) => insertRows(tx, rows, sql, [tenant.id, ...params]);

  await insert(accounts.filter(({ customer }) => customer.index % 6 === 1).map(({ customer }) => ({
    customer_id: customer.id, credit_limit: customer.index % 12 === 1 ? '1000.00' : '500.00',
  })),
  `INSERT INTO billing.customer_account (tenant_id, customer_id, credit_limit)
   SELECT ?, r.customer_id, r.credit_limit FROM jsonb_to_recordset(?::jsonb) AS r(customer_id uuid, credit_limit numeric) ON CONFLICT DO NOTHING`);

  const ledger = accounts.flatMap(({ customer }) => {
    if (customer.index % 7 !== 3) return [];
    const goodwill = { id: id('ledger', customer.index, 0), customer_id: customer.id, kind: 'CREDIT', amount: '15.00', description: 'Crédit de courtoisie : panne du 14 septembre', corrects_id: null, at: '2026-09-16T14:00:00Z' };
    if (customer.index % 14 !== 3) return [goodwill];
    const purchase = { id: id('ledger', customer.index, 1), customer_id: customer.id, kind: 'DEBIT', amount: '40.00', description: 'Achat au comptoir : câble Ethernet 15 m', corrects_id: null, at: '2026-10-02T10:30:00Z' };
    const correction = { id: id('ledger', customer.index, 2), customer_id: customer.id, kind: 'CREDIT', amount: '40.00', description: 'Correction : achat saisi en double', corrects_id: purchase.id, at: '2026-10-02T11:05:00Z' };
    return [goodwill, purchase, correction];
  });
  const ledgerEntries = await insert(ledger,
    `INSERT INTO billing.credit_ledger_entry (id, tenant_id, customer_id, kind, amount, currency, description, author, corrects_id, created_at)
     SELECT r.id, ?, r.customer_id, r.kind, r.amount, ?, r.description, ?, r.corrects_id, r.at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, kind text, amount numeric, description text, corrects_id uuid, at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING *`, [profile.currency, STAFF]);

  const late = accounts.filter((account) => account.invoices.some((invoice) => invoice.status === 'OVERDUE'));
  const arrangements = await insert(late.map((account, n) => arrangementOf(id('arrangement', account.customer.index), account, n)),
    `INSERT INTO billing.payment_arrangement (id, tenant_id, customer_id, amount, currency, agreed_on, due_date, cutoff_date, method, status,
       staff_note, change_reason, created_by, closed_at, created_at, updated_at)
     SELECT r.id, ?, r.customer_id, r.amount, ?, r.agreed_on, r.due_date, r.cutoff_date, r.method, r.status, r.staff_note, r.change_reason, ?,
       CASE WHEN r.status IN ('PENDING', 'OPEN') THEN NULL ELSE r.cutoff_date + time '06:00' END, r.agreed_on + time '11:00', r.agreed_on + time '11:00'
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, amount numeric, agreed_on date, due_date date, cutoff_date date, method text,
       status text, staff_note text, change_reason text)
     ON CONFLICT DO NOTHING
     RETURNING *`, [profile.currency, STAFF]);

  const cipher = new ReferenceCipher(loadBillingEnv().PAYMENT_METHOD_KEY);
  const methods = accounts.flatMap(({ customer, firstInvoiceAt }) => {
    // Saved when the customer started paying (a month before the reference date for those without invoices).
    const createdAt = (firstInvoiceAt ?? new Date(Date.parse(REFERENCE_DATE) - 30 * DAY)).toISOString();
    const rows = [];
    if (customer.index % 3 === 0) {
      const [brand, last4, expiry] = CARDS[customer.index % CARDS.length]!;
      const methodId = id('payment-method', customer.index, 'card');
      rows.push({ id: methodId, customer_id: customer.id, kind: 'CARD', processor: 'STRIPE', label: `${brand} •••• ${last4}`, masked_number: `•••• ${last4}`, expiry, created_at: createdAt,
        auto_pay: customer.index % 9 === 0, auto_pay_limit: customer.index % 18 === 0 ? '300.00' : null,
        sealed: cipher.seal({ customerReference: `cus_demo${tenant.id}${customer.index}`, methodReference: `pm_demo${tenant.id}${customer.index}` }, { tenantId: tenant.id, id: methodId }).toString('base64') });
    }
    if (customer.index % 11 === 5) {
      const methodId = id('payment-method', customer.index, 'bank');
      rows.push({ id: methodId, customer_id: customer.id, kind: 'BANK_DEBIT', processor: 'BANK', label: 'Débit préautorisé •••• 6789', masked_number: '•••• 6789', expiry: null, created_at: createdAt,
        auto_pay: customer.index % 3 !== 0, auto_pay_limit: null,
        sealed: cipher.seal({ customerReference: null, methodReference: `pad_demo${tenant.id}${customer.index}` }, { tenantId: tenant.id, id: methodId }).toString('base64') });
    }
    return rows;
  });
  const paymentMethods = await insert(methods,
    `INSERT INTO billing.payment_method (id, tenant_id, customer_id, kind, processor, label, masked_number, expiry, auto_pay, auto_pay_limit, currency,
       reference_sealed, key_id, created_at, updated_at)
     SELECT r.id, ?, r.customer_id, r.kind, r.processor, r.label, r.masked_number, r.expiry, r.auto_pay, r.auto_pay_limit, ?, decode(r.sealed, 'base64'), ?,
       r.created_at, r.created_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, kind text, processor text, label text, masked_number text, expiry text,
       auto_pay boolean, auto_pay_limit numeric, sealed text, created_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING ${PAYMENT_METHOD_COLUMNS}`, [profile.currency, cipher.keyId]);

  const reminders = await insert(late.flatMap((account) => remindersOf(account, settings, id)),
    `INSERT INTO billing.reminder (id, tenant_id, customer_id, kind, invoice_id, level, channel, status, subject, scheduled_on, penalty, currency,
       automatic, created_by, sent_at, created_at, updated_at)
     SELECT r.id, ?, r.customer_id, 'PAYMENT', r.invoice_id, r.level, r.channel, r.status, r.subject, r.scheduled_on, r.penalty, ?, true,
       'system:billing-jobs', CASE WHEN r.status = 'SENT' THEN r.scheduled_on + time '09:00' END, r.scheduled_on + time '06:30', r.scheduled_on + time '06:30'
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, invoice_id uuid, level int, channel text, status text, subject text,
       scheduled_on date, penalty numeric)
     ON CONFLICT DO NOTHING
     RETURNING *`, [profile.currency]);

  const vouchers = [
    { id: id('voucher', 'welcome'), code: 'BIENVENUE10', kind: 'PERCENT', amount: null, percent: '10', valid_from: addDays(REFERENCE_DATE, -60), valid_until: addDays(REFERENCE_DATE, 120), customer_id: null, description: '10 % sur la première facture' },
    { id: id('voucher', 'summer'), code: 'ETE2026', kind: 'AMOUNT', amount: '20.00', percent: null, valid_from: '2026-06-01', valid_until: '2026-08-31', customer_id: null, description: 'Promotion d\'été' },
    ...accounts.filter(({ customer }) => customer.index % 8 === 4).map(({ customer }) => ({
      id: id('voucher', 'loyalty', customer.index), code: `FIDELITE-${String(customer.index).padStart(4, '0')}`, kind: 'AMOUNT', amount: '25.00', percent: null,
      valid_from: REFERENCE_DATE, valid_until: addDays(REFERENCE_DATE, 365), customer_id: customer.id, description: 'Merci de votre fidélité',
    })),
  ];
  // Made (and attached) on the morning they became valid.
  const insertedVouchers = await insert(vouchers,
    `INSERT INTO billing.voucher (id, tenant_id, code, kind, amount, percent, currency, description, valid_from, valid_until, customer_id, attached_at,
       created_at, updated_at)
     SELECT r.id, ?, r.code, r.kind, r.amount, r.percent, ?, r.description, r.valid_from, r.valid_until, r.customer_id,
       CASE WHEN r.customer_id IS NOT NULL THEN r.valid_from + time '08:00' END, r.valid_from + time '08:00', r.valid_from + time '08:00'
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, code text, kind text, amount numeric, percent numeric, description text, valid_from date,
       valid_until date, customer_id uuid)
     ON CONFLICT DO NOTHING
     RETURNING *`, [profile.currency]);
  return { ledgerEntries, arrangements, paymentMethods, reminders, vouchers: insertedVouchers };
}

/** The collections rows a seed inserted. */
export interface CollectionRows {
  ledgerEntries: Row[];
  arrangements: Row[];
  paymentMethods: Row[];
  reminders: Row[];
  vouchers: Row[];
}

/** One arrangement per late payer: live for a third of them, settled (completed or broken) for the others. */
function arrangementOf(arrangementId: string, account: DemoAccount, n: number) {
  const owed = roundToCents(account.invoices.reduce((total, invoice) => (invoice.status === 'OVERDUE' ? total.plus(invoice.outstanding) : total), amount(0)));
  const base = { id: arrangementId, customer_id: account.customer.id, amount: owed.toFixed(2), method: (['PHONE', 'PORTAL', 'CHEQUE', 'PRE_AUTHORIZED'] as const)[n % 4] };
  switch (n % 3) {
    case 0:
      return { ...base, status: 'OPEN', agreed_on: addDays(REFERENCE_DATE, -4), due_date: addDays(REFERENCE_DATE, 14), cutoff_date: addDays(REFERENCE_DATE, 24),
        staff_note: 'Par téléphone : paiera à la réception de sa paie', change_reason: null };
    case 1:
      return { ...base, status: 'COMPLETED', agreed_on: addDays(REFERENCE_DATE, -120), due_date: addDays(REFERENCE_DATE, -100), cutoff_date: addDays(REFERENCE_DATE, -93),
        staff_note: 'Entente conclue au comptoir', change_reason: 'paid' };
    default:
      return { ...base, status: 'BROKEN', agreed_on: addDays(REFERENCE_DATE, -45), due_date: addDays(REFERENCE_DATE, -30), cutoff_date: addDays(REFERENCE_DATE, -20),
        staff_note: 'Rappelé deux fois, sans réponse', change_reason: 'cutoff date passed unpaid' };
  }
}

/** The reminders the schedule had made by the reference date: earlier levels SENT, the last one PENDING. */
function remindersOf(account: DemoAccount, settings: BillingSettingsValue, id: (...parts: (string | number)[]) => string) {
  return account.invoices.filter((invoice) => invoice.status === 'OVERDUE').flatMap((invoice) => {
    const reached = settings.reminderSchedule
      .map((step, index) => ({ ...step, level: index + 1, on: addDays(invoice.dueDate, step.afterDays) }))
      .filter((step) => step.on <= REFERENCE_DATE);
    const penalty = amount(settings.lateFee).plus(roundToCents(invoice.outstanding.times(settings.lateInterestRate))).toFixed(2);
    return reached.map((step, index) => ({
      id: id('reminder', invoice.id, step.level), customer_id: account.customer.id, invoice_id: invoice.id, level: step.level, channel: step.channel,
      status: index === reached.length - 1 ? 'PENDING' : 'SENT', subject: `Facture en retard : rappel ${step.level}`, scheduled_on: step.on, penalty,
    }));
  });
}
