import { amount, demoFaker, demoId, sum, uuidArray, type Amount, type DemoCustomer, type DemoTenant, type EntityManager } from '@c360/kit';
import { formatInvoiceNumber } from './modules/numbering/document-number.ts';
import { lineRows, taxRows } from './modules/shared/lines.ts';
import type { InvoiceStatus } from './modules/invoice/invoice.entity.ts';
import { PAYMENT_METHODS, type PaymentMethod } from './modules/payment/payment.entity.ts';
import { seedCollections } from './demo/collections.ts';
import { seedDocuments } from './demo/documents.ts';
import { recordDemoHistory } from './demo/history.ts';
import { DAY, REFERENCE_TIME, insertRows, type DemoAccount, type Row } from './demo/rows.ts';
import {
  DEFAULT_TAX_PROFILE, FRANCE_TAX_PROFILE, QUEBEC_TAX_PROFILE, priceInvoice,
  type LineToPrice, type PricedInvoice, type TaxProfileValue,
} from './modules/tax/tax.calculation.ts';

type Faker = ReturnType<typeof demoFaker>;

const PAYMENT_TERM_DAYS = 30;

const DEMO_TAX_PROFILES: Record<string, TaxProfileValue> = { demo: QUEBEC_TAX_PROFILE, acme: FRANCE_TAX_PROFILE };

const PLANS: LineToPrice[] = [
  { description: 'Internet Fibre 100', quantity: '1', unitPrice: '54.95' },
  { description: 'Internet Fibre 500', quantity: '1', unitPrice: '74.95' },
  { description: 'Internet Fibre 1000', quantity: '1', unitPrice: '94.95' },
];
const EXTRAS: ((faker: Faker) => LineToPrice)[] = [
  () => ({ description: 'Location modem Wi-Fi 6', quantity: '1', unitPrice: '5.00' }),
  () => ({ description: 'Ligne VoIP résidentielle', quantity: '1', unitPrice: '19.99' }),
  () => ({ description: 'Adresse IP fixe', quantity: '1', unitPrice: '10.00' }),
  (faker) => ({ description: 'Minutes interurbaines', quantity: String(faker.number.int({ min: 20, max: 400 })), unitPrice: '0.05' }),
  (faker) => ({ description: 'Visite de technicien (heures)', quantity: faker.helpers.arrayElement(['0.5', '1', '1.5', '2.25']), unitPrice: '95.00' }),
  () => ({ description: 'Rabais fidélité', quantity: '1', unitPrice: '-10.00' }),
];

/** How a demo customer pays: on time, leaving the last invoices unpaid, or partly. */
type PayerKind = 'prompt' | 'late' | 'partial';

export interface DemoInvoice {
  id: string;
  customerId: string;
  issuedAt: Date;
  dueDate: string;
  priced: PricedInvoice;
  paid: Amount;
}

interface DemoPayment {
  id: string;
  customerId: string;
  amount: Amount;
  method: PaymentMethod;
  reference: string | null;
  receivedAt: Date;
  allocations: { invoiceId: string; amount: Amount }[];
}

/**
 * Seeds the tenant's tax profile, and for each demo customer 0–12 monthly
 * invoices of the past years (1–3 lines, priced by the same code as
 * createInvoice) with the payments that settle most of them; some customers
 * leave invoices unpaid or partly paid, a few have credit. Then the documents
 * (catalogue, quotes, contracts, subscriptions) and the collections side
 * (credit limits and ledger, arrangements, payment methods, reminders,
 * vouchers) that follow from those accounts, with the events all of it would
 * have produced, at their own times (the timeline's history). Deterministic ids make a rerun a
 * no-op: rows already there are skipped, and new invoices, quotes and contracts
 * take the tenant's next numbers, so numbering stays gap-free even when
 * documents were created before the seed.
 */
export async function seedDemo(em: EntityManager, tenant: DemoTenant): Promise<void> {
  const profile = DEMO_TAX_PROFILES[tenant.id] ?? DEFAULT_TAX_PROFILE;
  const invoices: DemoInvoice[] = [];
  const payments: DemoPayment[] = [];
  for (const customer of tenant.customers) planCustomer(tenant, customer, profile, invoices, payments);
  invoices.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.id.localeCompare(b.id));
  const accounts: DemoAccount[] = tenant.customers.map((customer) => {
    const mine = invoices.filter((invoice) => invoice.customerId === customer.id);
    return {
      customer,
      plan: mine[0]?.priced.lines[0]?.description ?? null,
      invoices: mine.map((invoice) => ({ id: invoice.id, status: statusOf(invoice), dueDate: invoice.dueDate, outstanding: invoice.priced.total.minus(invoice.paid) })),
      firstInvoiceAt: mine[0]?.issuedAt ?? null,
      lastInvoiceAt: mine.at(-1)?.issuedAt ?? null,
    };
  });

  await em.transactional(async (tx) => {
    const money = await seedInvoices(tx, tenant, profile, invoices, payments);
    const documents = await seedDocuments(tx, tenant, profile, accounts);
    const collections = await seedCollections(tx, tenant, profile, accounts);
    await recordDemoHistory(tx, tenant.id, { ...money, ...documents, ...collections });
  });
}

/** The invoices and payments, numbered after whatever the tenant already has; returns the rows it inserted. */
async function seedInvoices(tx: EntityManager, tenant: DemoTenant, profile: TaxProfileValue, invoices: DemoInvoice[], payments: DemoPayment[]): Promise<{ invoices: Row[]; payments: Row[] }> {
  await tx.execute(
    `INSERT INTO billing.tax_profile (tenant_id, currency, taxes) VALUES (?, ?, ?::jsonb) ON CONFLICT (tenant_id) DO NOTHING`,
    [tenant.id, profile.currency, JSON.stringify(profile.taxes)],
  );
  // The counter row is locked first, so a concurrent seed or createInvoice waits and
  // then sees these invoices. Invoices of an earlier run stay as they are; the others
  // take the tenant's next numbers (1..N on a fresh database), in issue order.
  await tx.execute('INSERT INTO billing.invoice_counter (tenant_id, last_number) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING', [tenant.id]);
  const [counter] = await tx.execute<{ last_number: string }[]>(
    'SELECT last_number FROM billing.invoice_counter WHERE tenant_id = ? FOR UPDATE',
    [tenant.id],
  );
  const existing = await tx.execute<{ id: string }[]>(
    'SELECT id FROM billing.invoice WHERE tenant_id = ? AND id = ANY(?::uuid[])',
    [tenant.id, uuidArray(invoices.map((invoice) => invoice.id))],
  );
  const seeded = new Set(existing.map((row) => row.id));
  const fresh = invoices.filter((invoice) => !seeded.has(invoice.id));
  if (fresh.length === 0) return { invoices: [], payments: [] };
  await tx.execute('UPDATE billing.invoice_counter SET last_number = last_number + ? WHERE tenant_id = ?', [fresh.length, tenant.id]);
  const firstNumber = Number(counter!.last_number) + 1;
  const freshIds = new Set(fresh.map((invoice) => invoice.id));
  const freshPayments = payments.filter((payment) => payment.allocations.every((allocation) => freshIds.has(allocation.invoiceId)));

  const insertedInvoices = await insertRows(tx, fresh.map((invoice, index) => ({
    id: invoice.id,
    customer_id: invoice.customerId,
    number: formatInvoiceNumber(firstNumber + index),
    status: statusOf(invoice),
    issued_at: invoice.issuedAt.toISOString(),
    due_date: invoice.dueDate,
    subtotal: invoice.priced.subtotal.toFixed(2),
    tax_total: invoice.priced.taxTotal.toFixed(2),
    total: invoice.priced.total.toFixed(2),
    paid_amount: invoice.paid.toFixed(2),
  })),
    `INSERT INTO billing.invoice (id, tenant_id, customer_id, number, status, currency, issued_at, due_date, subtotal, tax_total, total, paid_amount, created_at, updated_at)
     SELECT r.id, ?, r.customer_id, r.number, r.status, ?, r.issued_at, r.due_date, r.subtotal, r.tax_total, r.total, r.paid_amount, r.issued_at, r.issued_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, number text, status text, issued_at timestamptz, due_date date,
       subtotal numeric, tax_total numeric, total numeric, paid_amount numeric)
     RETURNING *`,
    [tenant.id, profile.currency]);
  await insertRows(tx, fresh.flatMap((invoice) => lineRows(invoice.priced).map((line) => ({ invoice_id: invoice.id, ...line }))),
    `INSERT INTO billing.invoice_line (invoice_id, line_no, tenant_id, description, quantity, unit_price)
     SELECT r.invoice_id, r.line_no, ?, r.description, r.quantity, r.unit_price
     FROM jsonb_to_recordset(?::jsonb) AS r(invoice_id uuid, line_no int, description text, quantity numeric, unit_price numeric)`,
    [tenant.id]);
  await insertRows(tx, fresh.flatMap((invoice) => taxRows(invoice.priced).map((tax) => ({ invoice_id: invoice.id, ...tax }))),
    `INSERT INTO billing.invoice_tax (invoice_id, position, tenant_id, code, name, rate, amount)
     SELECT r.invoice_id, r.position, ?, r.code, r.name, r.rate, r.amount
     FROM jsonb_to_recordset(?::jsonb) AS r(invoice_id uuid, position int, code text, name text, rate numeric, amount numeric)`,
    [tenant.id]);
  const insertedPayments = await insertRows(tx, freshPayments.map((payment) => ({
    id: payment.id,
    customer_id: payment.customerId,
    amount: payment.amount.toFixed(2),
    method: payment.method,
    reference: payment.reference,
    received_at: payment.receivedAt.toISOString(),
    allocated_amount: sum(payment.allocations.map((allocation) => allocation.amount)).toFixed(2),
  })),
    `INSERT INTO billing.payment (id, tenant_id, customer_id, amount, currency, method, reference, received_at, allocated_amount, created_at)
     SELECT r.id, ?, r.customer_id, r.amount, ?, r.method, r.reference, r.received_at, r.allocated_amount, r.received_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, amount numeric, method text, reference text, received_at timestamptz, allocated_amount numeric)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [tenant.id, profile.currency]);
  await insertRows(tx, freshPayments.flatMap((payment) =>
    payment.allocations.map((allocation) => ({ payment_id: payment.id, invoice_id: allocation.invoiceId, amount: allocation.amount.toFixed(2) }))),
    `INSERT INTO billing.payment_allocation (payment_id, invoice_id, tenant_id, amount)
     SELECT r.payment_id, r.invoice_id, ?, r.amount
     FROM jsonb_to_recordset(?::jsonb) AS r(payment_id uuid, invoice_id uuid, amount numeric)
     ON CONFLICT DO NOTHING`,
    [tenant.id]);
  return { invoices: insertedInvoices, payments: insertedPayments };
}

function planCustomer(tenant: DemoTenant, customer: DemoCustomer, profile: TaxProfileValue, invoices: DemoInvoice[], payments: DemoPayment[]): void {
  const faker = demoFaker(900_000 + customer.index * 7 + (tenant.id === 'demo' ? 0 : 3));
  const count = faker.number.int({ min: 0, max: 12 });
  const plan = faker.helpers.arrayElement(PLANS);
  // Months between the last invoice and the reference date (customers that left stop earlier).
  const lag = faker.helpers.weightedArrayElement([{ weight: 4, value: 0 }, { weight: 1, value: faker.number.int({ min: 1, max: 24 }) }]);
  const payer = faker.helpers.weightedArrayElement<PayerKind>([
    { weight: 7, value: 'prompt' },
    { weight: 2, value: 'late' },
    { weight: 1, value: 'partial' },
  ]);
  const method = faker.helpers.arrayElement(PAYMENT_METHODS);
  const unpaidTail = payer === 'prompt' ? 0 : faker.number.int({ min: 1, max: 3 });
  const overpays = faker.number.int({ min: 0, max: 9 }) === 0;
  const day = 1 + (customer.index % 28);

  const mine: DemoInvoice[] = [];
  const reference = new Date(REFERENCE_TIME);
  for (let n = 0; n < count; n += 1) {
    // Monthly, the last one issued in the month before the reference date (or `lag` months earlier).
    const monthsAgo = lag + (count - n);
    const issuedAt = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() - monthsAgo, day, 8, faker.number.int({ min: 0, max: 59 })));
    const extras = faker.helpers.arrayElements(EXTRAS, faker.number.int({ min: 0, max: 2 })).map((extra) => extra(faker));
    const invoice: DemoInvoice = {
      id: demoId(tenant.id, 'invoice', customer.index, n),
      customerId: customer.id,
      issuedAt,
      dueDate: new Date(issuedAt.getTime() + PAYMENT_TERM_DAYS * DAY).toISOString().slice(0, 10),
      priced: priceInvoice([plan, ...extras], profile),
      paid: amount(0),
    };
    mine.push(invoice);
    invoices.push(invoice);
  }

  mine.forEach((invoice, n) => {
    const unpaid = n >= mine.length - unpaidTail;
    const partlyPaid = unpaid && payer === 'partial' && n === mine.length - unpaidTail;
    if (unpaid && !partlyPaid) return;
    const receivedAt = new Date(invoice.issuedAt.getTime() + faker.number.int({ min: 3, max: 28 }) * DAY + faker.number.int({ min: 0, max: 36_000_000 }));
    if (receivedAt.getTime() > REFERENCE_TIME) return;
    const allocated = partlyPaid ? invoice.priced.total.dividedBy(2).toDecimalPlaces(2) : invoice.priced.total;
    if (allocated.lessThanOrEqualTo(0)) return;
    // The last payment of an overpaying customer leaves 20.00 of credit.
    const extra = overpays && n === mine.length - 1 ? amount('20.00') : amount(0);
    invoice.paid = allocated;
    payments.push({
      id: demoId(tenant.id, 'payment', customer.index, n),
      customerId: customer.id,
      amount: allocated.plus(extra),
      method,
      reference: referenceOf(method, faker),
      receivedAt,
      allocations: [{ invoiceId: invoice.id, amount: allocated }],
    });
  });
}

function referenceOf(method: PaymentMethod, faker: Faker): string | null {
  switch (method) {
    case 'CHEQUE':
      return `CHQ ${faker.string.numeric(6)}`;
    case 'BANK_TRANSFER':
      return `VIR-${faker.string.alphanumeric({ length: 10, casing: 'upper' })}`;
    case 'CARD':
      return `ch_${faker.string.alphanumeric(14)}`;
    case 'DIRECT_DEBIT':
    case 'CASH':
      return null;
    default: {
      const exhaustive: never = method;
      return exhaustive;
    }
  }
}

/** The status the invoice would have reached by the reference date. */
export function statusOf(invoice: DemoInvoice): InvoiceStatus {
  if (invoice.paid.greaterThanOrEqualTo(invoice.priced.total)) return 'PAID';
  const pastDue = Date.parse(`${invoice.dueDate}T23:59:59Z`) < REFERENCE_TIME;
  if (pastDue) return 'OVERDUE';
  return invoice.paid.isZero() ? 'ISSUED' : 'PARTIALLY_PAID';
}
