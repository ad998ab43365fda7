import { demoId, type DemoTenant, type EntityManager } from '@c360/kit';
import { formatDocumentNumber } from '../modules/numbering/document-number.ts';
import { DEFAULT_BILLING_SETTINGS } from '../modules/settings/settings.entity.ts';
import { addMonths } from '../modules/shared/dates.ts';
import { lineRows, taxRows } from '../modules/shared/lines.ts';
import { priceInvoice, type LineToPrice, type TaxProfileValue } from '../modules/tax/tax.calculation.ts';
import { DAY, REFERENCE_DATE, REFERENCE_TIME, insertRows, isoDay, numberFresh, type DemoAccount, type Row } from './rows.ts';

/** The demo ISP's catalogue; the plans match the first line of the demo invoices. */
const CATALOGUE = [
  { sku: 'FIBRE-100', description: 'Internet Fibre 100', price: '54.95', billing: 'MONTHLY' },
  { sku: 'FIBRE-500', description: 'Internet Fibre 500', price: '74.95', billing: 'MONTHLY' },
  { sku: 'FIBRE-1000', description: 'Internet Fibre 1000', price: '94.95', billing: 'MONTHLY' },
  { sku: 'VOIP-RES', description: 'Ligne VoIP résidentielle', price: '19.99', billing: 'MONTHLY' },
  { sku: 'IP-FIXE', description: 'Adresse IP fixe', price: '10.00', billing: 'MONTHLY' },
  { sku: 'MODEM-WIFI6', description: 'Location modem Wi-Fi 6', price: '5.00', billing: 'MONTHLY' },
  { sku: 'INSTALL', description: 'Installation et raccordement', price: '99.00', billing: 'ONE_TIME' },
  { sku: 'ROUTER-WIFI6', description: 'Routeur Wi-Fi 6 (achat)', price: '149.99', billing: 'ONE_TIME' },
  { sku: 'TECH-HOUR', description: 'Visite de technicien (heure)', price: '95.00', billing: 'ONE_TIME' },
  { sku: 'SUPPORT-PLUS', description: 'Soutien prioritaire (annuel)', price: '120.00', billing: 'ANNUAL' },
] as const;

type Sku = (typeof CATALOGUE)[number]['sku'];
const bySku = (sku: Sku) => CATALOGUE.find((item) => item.sku === sku)!;
const productId = (tenant: DemoTenant, sku: Sku) => demoId(tenant.id, 'product', sku);
const QUOTE_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REFUSED', 'EXPIRED'] as const;

interface DemoQuote {
  id: string;
  account: DemoAccount;
  status: (typeof QUOTE_STATUSES)[number];
  quotedOn: string;
  oneTime: { sku: Sku; quantity: string }[];
  monthly: { sku: Sku; quantity: string }[];
}

/**
 * The catalogue; a subscription per customer with invoices (their plan at their
 * first location, cancelled for those who left, plus a VoIP line at a second
 * location); a quote for every fifth customer, across every status, the
 * accepted ones converted into a contract and a subscription; and a yearly
 * support contract for every tenth customer, some renewing, some ending soon.
 * Returns the quotes, contracts and subscriptions it inserted.
 */
export async function seedDocuments(tx: EntityManager, tenant: DemoTenant, profile: TaxProfileValue, accounts: DemoAccount[]): Promise<{ quotes: Row[]; contracts: Row[]; subscriptions: Row[] }> {
  await insertRows(tx, CATALOGUE.map((item) => ({ id: productId(tenant, item.sku), ...item })),
    `INSERT INTO billing.product (id, tenant_id, sku, description, unit_price, currency, billing)
     SELECT r.id, ?, r.sku, r.description, r.price, ?, r.billing FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, sku text, description text, price numeric, billing text)
     ON CONFLICT DO NOTHING`,
    [tenant.id, profile.currency]);

  const quotes = planQuotes(tenant, accounts);
  const numberedQuotes = await numberFresh(tx, tenant.id, 'quote', 'QUOTE', quotes);
  const accepted = quotes.filter((quote) => quote.status === 'ACCEPTED');
  const directContracts = accounts.filter((account) => account.customer.index % 10 === 7);
  const contracts = [
    ...accepted.map((quote) => ({ id: demoId(tenant.id, 'contract', 'quote', quote.account.customer.index), quote })),
    ...directContracts.map((account) => ({ id: demoId(tenant.id, 'contract', 'support', account.customer.index), account })),
  ];
  const numberedContracts = await numberFresh(tx, tenant.id, 'contract', 'CONTRACT', contracts);

  const priced = (items: { sku: Sku; quantity: string }[]) =>
    priceInvoice(items.map((item): LineToPrice => ({ description: bySku(item.sku).description, quantity: item.quantity, unitPrice: bySku(item.sku).price })), profile);
  const insertedQuotes = await insertRows(tx, numberedQuotes.map((quote) => {
    const oneTime = priced(quote.oneTime);
    const monthly = priced(quote.monthly);
    return {
      id: quote.id, customer_id: quote.account.customer.id, location_id: quote.account.customer.locationIds[0] ?? null,
      number: formatDocumentNumber(DEFAULT_BILLING_SETTINGS.quotePrefix, quote.n), status: quote.status, quoted_on: quote.quotedOn,
      valid_until: isoDay(Date.parse(quote.quotedOn) + 30 * DAY), terms: 'Paiement à 30 jours. Installation sous 10 jours ouvrables.',
      one_time: [oneTime.subtotal, oneTime.taxTotal, oneTime.total].map((value) => value.toFixed(2)),
      monthly: [monthly.subtotal, monthly.taxTotal, monthly.total].map((value) => value.toFixed(2)),
      decided: quote.status === 'ACCEPTED' || quote.status === 'REFUSED' || quote.status === 'EXPIRED',
    };
  }),
  `INSERT INTO billing.quote (id, tenant_id, customer_id, service_location_id, number, status, currency, quoted_on, valid_until, terms,
     one_time_subtotal, one_time_tax_total, one_time_total, monthly_subtotal, monthly_tax_total, monthly_total, sent_at, decided_at, created_at, updated_at)
   SELECT r.id, ?, r.customer_id, r.location_id, r.number, r.status, ?, r.quoted_on, r.valid_until, r.terms,
     (r.one_time->>0)::numeric, (r.one_time->>1)::numeric, (r.one_time->>2)::numeric, (r.monthly->>0)::numeric, (r.monthly->>1)::numeric, (r.monthly->>2)::numeric,
     CASE WHEN r.status <> 'DRAFT' THEN r.quoted_on + time '10:00' END, CASE WHEN r.decided THEN r.quoted_on + 7 + time '15:00' END,
     r.quoted_on + time '09:00', r.quoted_on + time '09:00'
   FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, location_id uuid, number text, status text, quoted_on date, valid_until date, terms text,
     one_time jsonb, monthly jsonb, decided boolean)
   RETURNING *`,
  [tenant.id, profile.currency]);
  const fresh = new Set(numberedQuotes.map((quote) => quote.id));
  const freshQuotes = quotes.filter((quote) => fresh.has(quote.id));
  await insertRows(tx, freshQuotes.flatMap((quote) => {
    const lines = [
      ...lineRows(priced(quote.oneTime)).map((line, index) => ({ ...line, section: 'ONE_TIME', product_id: productId(tenant, quote.oneTime[index]!.sku) })),
      ...lineRows(priced(quote.monthly)).map((line, index) => ({ ...line, section: 'MONTHLY', product_id: productId(tenant, quote.monthly[index]!.sku) })),
    ];
    return lines.map((line, lineNo) => ({ ...line, quote_id: quote.id, line_no: lineNo }));
  }),
  `INSERT INTO billing.quote_line (quote_id, line_no, tenant_id, section, product_id, description, quantity, unit_price)
   SELECT r.quote_id, r.line_no, ?, r.section, r.product_id, r.description, r.quantity, r.unit_price
   FROM jsonb_to_recordset(?::jsonb) AS r(quote_id uuid, line_no int, section text, product_id uuid, description text, quantity numeric, unit_price numeric)`,
  [tenant.id]);
  await insertRows(tx, freshQuotes.flatMap((quote) => [
    ...taxRows(priced(quote.oneTime)).map((tax) => ({ ...tax, quote_id: quote.id, section: 'ONE_TIME' })),
    ...taxRows(priced(quote.monthly)).map((tax) => ({ ...tax, quote_id: quote.id, section: 'MONTHLY' })),
  ]),
  `INSERT INTO billing.quote_tax (quote_id, section, position, tenant_id, code, name, rate, amount)
   SELECT r.quote_id, r.section, r.position, ?, r.code, r.name, r.rate, r.amount
   FROM jsonb_to_recordset(?::jsonb) AS r(quote_id uuid, section text, position int, code text, name text, rate numeric, amount numeric)`,
  [tenant.id]);

  const insertedContracts = await insertRows(tx, numberedContracts.map((contract) => {
    const number = formatDocumentNumber(DEFAULT_BILLING_SETTINGS.contractPrefix, contract.n);
    if ('quote' in contract && contract.quote) {
      const start = isoDay(Date.parse(contract.quote.quotedOn) + 14 * DAY);
      return { id: contract.id, customer_id: contract.quote.account.customer.id, number, type: 'SERVICE', start_date: start, end_date: null,
        periodicity: 'MONTHLY', amount: priced(contract.quote.monthly).subtotal.toFixed(2), auto_renew: false, quote_id: contract.quote.id,
        description: 'Contrat de service issu de la soumission acceptée' };
    }
    const account = (contract as { account: DemoAccount }).account;
    // Started 11 months before the reference date: they end within the month (renewal or a reminder).
    const start = addMonths(REFERENCE_DATE, -11 - (account.customer.index % 3));
    return { id: contract.id, customer_id: account.customer.id, number, type: 'SUPPORT', start_date: start, end_date: isoDay(Date.parse(addMonths(start, 12)) - DAY),
      periodicity: 'ANNUAL', amount: bySku('SUPPORT-PLUS').price, auto_renew: account.customer.index % 20 === 17, quote_id: null,
      description: 'Soutien prioritaire : réponse en 4 heures ouvrables' };
  }),
  `INSERT INTO billing.contract (id, tenant_id, customer_id, number, type, start_date, end_date, periodicity, status, amount, currency, auto_renew,
     quote_id, description, created_at, updated_at)
   SELECT r.id, ?, r.customer_id, r.number, r.type, r.start_date, r.end_date, r.periodicity, 'ACTIVE', r.amount, ?, r.auto_renew, r.quote_id,
     r.description, r.start_date, r.start_date
   FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, number text, type text, start_date date, end_date date, periodicity text,
     amount numeric, auto_renew boolean, quote_id uuid, description text)
   RETURNING *`,
  [tenant.id, profile.currency]);

  const subscriptions = await insertRows(tx, planSubscriptions(tenant, accounts, accepted),
    `INSERT INTO billing.subscription (id, tenant_id, customer_id, service_location_id, product_id, contract_id, description, quantity, unit_price,
       currency, frequency, status, start_date, next_billing_date, cancelled_at, created_at, updated_at)
     SELECT r.id, ?, r.customer_id, r.location_id, r.product_id, r.contract_id, r.description, 1, r.price, ?, 'MONTHLY', r.status, r.start_date,
       r.next_billing_date, r.cancelled_at, r.start_date, r.start_date
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, customer_id uuid, location_id uuid, product_id uuid, contract_id uuid, description text,
       price numeric, status text, start_date date, next_billing_date date, cancelled_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [tenant.id, profile.currency]);
  return { quotes: insertedQuotes, contracts: insertedContracts, subscriptions };
}

function planQuotes(tenant: DemoTenant, accounts: DemoAccount[]): DemoQuote[] {
  return accounts.filter((account) => account.customer.index % 5 === 2).map((account, n) => ({
    id: demoId(tenant.id, 'quote', account.customer.index),
    account,
    status: QUOTE_STATUSES[n % QUOTE_STATUSES.length]!,
    // Decided quotes are older; drafts and sent ones are recent enough to still be valid on the reference date.
    quotedOn: isoDay(REFERENCE_TIME - (n % QUOTE_STATUSES.length < 2 ? 3 + (n % 7) : 40 + n * 3) * DAY),
    oneTime: n % 2 === 0 ? [{ sku: 'INSTALL', quantity: '1' }, { sku: 'ROUTER-WIFI6', quantity: '1' }] : [{ sku: 'TECH-HOUR', quantity: '1.5' }],
    monthly: n % 3 === 0 ? [{ sku: 'FIBRE-1000', quantity: '1' }, { sku: 'VOIP-RES', quantity: '1' }] : [{ sku: 'IP-FIXE', quantity: '1' }],
  }));
}

function planSubscriptions(tenant: DemoTenant, accounts: DemoAccount[], accepted: DemoQuote[]) {
  const rows = [];
  for (const account of accounts) {
    const { customer } = account;
    const plan = CATALOGUE.find((item) => item.description === account.plan);
    if (!plan || !account.firstInvoiceAt || !account.lastInvoiceAt) continue;
    // Still billed in the month before the reference date: current; otherwise they left a month after their last invoice.
    const current = REFERENCE_TIME - account.lastInvoiceAt.getTime() < 45 * DAY;
    const base = {
      customer_id: customer.id, status: current ? 'ACTIVE' : 'CANCELLED', start_date: isoDay(account.firstInvoiceAt.getTime()),
      next_billing_date: current ? addMonths(isoDay(account.lastInvoiceAt.getTime()), 1) : null,
      cancelled_at: current ? null : new Date(account.lastInvoiceAt.getTime() + 30 * DAY).toISOString(), contract_id: null,
    };
    rows.push({ ...base, id: demoId(tenant.id, 'subscription', customer.index, 0), location_id: customer.locationIds[0], product_id: productId(tenant, plan.sku), description: plan.description, price: plan.price });
    if (customer.locationIds[1]) {
      const voip = bySku('VOIP-RES');
      rows.push({ ...base, id: demoId(tenant.id, 'subscription', customer.index, 1), location_id: customer.locationIds[1], product_id: productId(tenant, voip.sku), description: voip.description, price: voip.price });
    }
  }
  for (const quote of accepted) {
    const start = isoDay(Date.parse(quote.quotedOn) + 14 * DAY);
    quote.monthly.forEach((item, position) => rows.push({
      id: demoId(tenant.id, 'subscription', 'quote', quote.account.customer.index, position), customer_id: quote.account.customer.id,
      location_id: quote.account.customer.locationIds[0], product_id: productId(tenant, item.sku), description: bySku(item.sku).description,
      price: bySku(item.sku).price, status: 'ACTIVE', start_date: start, next_billing_date: addMonths(start, 1 + Math.floor((REFERENCE_TIME - Date.parse(start)) / (30 * DAY))),
      cancelled_at: null, contract_id: demoId(tenant.id, 'contract', 'quote', quote.account.customer.index),
    }));
  }
  return rows;
}
