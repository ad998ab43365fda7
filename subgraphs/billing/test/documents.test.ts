import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import type { BillingJobs } from '../src/jobs/collections.jobs.ts';
import { addMonths } from '../src/modules/shared/dates.ts';
import { CREATE_INVOICE, jobsOf, day, errorOf, line, startBilling, type BillingUnderTest } from './harness.ts';

const QUOTE_FIELDS = `id number status quotedOn validUntil purchaseOrder terms currency version customer { id } serviceLocation { id }
  oneTime { section subtotal { amount } taxTotal { amount } total { amount } taxes { code amount { amount } } lines { description quantity unitPrice { amount } amount { amount } product { sku } } }
  monthly { section subtotal { amount } taxTotal { amount } total { amount } taxes { code amount { amount } } lines { description quantity amount { amount } product { sku } } }
  contract { id number }`;
const CREATE_QUOTE = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { ${QUOTE_FIELDS} } } }`;
const SEND = 'mutation($input: QuoteDecisionInput!) { sendQuote(input: $input) { quote { status sentAt version } } }';
const REFUSE = 'mutation($input: QuoteDecisionInput!) { refuseQuote(input: $input) { quote { status refusalReason decidedAt } } }';
const ACCEPT = `mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) {
  quote { status contract { id } }
  contract { id number type status periodicity startDate endDate autoRenew amount { amount } quote { id } subscriptions { id } }
  subscriptions { id status description price { amount } amount { amount } frequency startDate nextBillingDate serviceLocation { id } product { sku } contract { id } customer { id } } } }`;
const UPSERT_PRODUCT = 'mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { isNew product { id sku unitPrice { amount currency } billing recurring active } } }';

let billing: BillingUnderTest;
let jobs: BillingJobs;
beforeAll(async () => {
  billing = await startBilling();
  jobs = jobsOf(billing);
});
afterAll(() => billing?.stop());

async function catalogue(tenant: string) {
  const product = async (sku: string, unitPrice: string, kind: string) =>
    (await billing.ok(tenant, UPSERT_PRODUCT, { input: { sku, description: `Produit ${sku}`, unitPrice, billing: kind } })).upsertProduct.product;
  return {
    install: await product('INSTALL', '99.00', 'ONE_TIME'),
    fibre: await product('FIBRE-500', '74.95', 'MONTHLY'),
    voip: await product('VOIP', '19.99', 'MONTHLY'),
    support: await product('SUPPORT', '120.00', 'ANNUAL'),
  };
}

async function quoteFor(tenant: string, input: Record<string, unknown> = {}) {
  const products = await catalogue(tenant);
  const data = await billing.ok(tenant, CREATE_QUOTE, { input: {
    customerId: newId(),
    serviceLocationId: newId(),
    purchaseOrder: 'PO-7781',
    terms: 'Net 30',
    lines: [
      { section: 'ONE_TIME', productId: products.install.id, quantity: '1' },
      { section: 'MONTHLY', productId: products.fibre.id, quantity: '1' },
      { section: 'MONTHLY', description: 'Ligne VoIP', quantity: '2', unitPrice: '19.99' },
      { section: 'ONE_TIME', description: 'Rabais installation', quantity: '1', unitPrice: '-20.00' },
    ],
    ...input,
  } });
  return data.createQuote.quote;
}

describe('quotes', () => {
  it('numbers quotes DEV-000001..., prices the one-time and monthly sections apart (HT, each tax, TTC)', async () => {
    const tenant = testTenant();
    const quote = await quoteFor(tenant);
    expect(quote).toMatchObject({ number: 'DEV-000001', status: 'DRAFT', currency: 'CAD', purchaseOrder: 'PO-7781', terms: 'Net 30', quotedOn: day(), validUntil: day(30) });
    // One-time: 99.00 − 20.00 = 79.00 HT; GST 3.95, QST 7.88 (7.88025); TTC 90.83.
    expect(quote.oneTime).toMatchObject({
      section: 'ONE_TIME', subtotal: { amount: '79.00' }, taxTotal: { amount: '11.83' }, total: { amount: '90.83' },
      taxes: [{ code: 'GST', amount: { amount: '3.95' } }, { code: 'QST', amount: { amount: '7.88' } }],
    });
    expect(quote.oneTime.lines.map((l: any) => [l.description, l.amount.amount, l.product?.sku ?? null]))
      .toEqual([['Produit INSTALL', '99.00', 'INSTALL'], ['Rabais installation', '-20.00', null]]);
    // Monthly: 74.95 + 39.98 = 114.93 HT; GST 5.75 (5.7465), QST 11.46 (11.4642675); TTC 132.14.
    expect(quote.monthly).toMatchObject({ subtotal: { amount: '114.93' }, taxTotal: { amount: '17.21' }, total: { amount: '132.14' } });
    expect(await billing.eventTypes(tenant, quote.id)).toEqual(['quote.created']);

    const settings = await billing.ok(tenant, 'mutation { updateBillingSettings(input: { quotePrefix: "SOQ-", quoteValidityDays: 10 }) { settings { quotePrefix quoteValidityDays version } } }');
    expect(settings.updateBillingSettings.settings).toEqual({ quotePrefix: 'SOQ-', quoteValidityDays: 10, version: 1 });
    const next = await quoteFor(tenant);
    expect([next.number, next.validUntil]).toEqual(['SOQ-000002', day(10)]);
  });

  it('hands out 15 consecutive numbers to concurrent creations, and none to refused ones', async () => {
    const tenant = testTenant();
    const create = (unitPrice: string) => billing.query(tenant, CREATE_QUOTE, { input: {
      customerId: newId(), lines: [{ section: 'MONTHLY', description: 'Fibre', quantity: '1', unitPrice }],
    } });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create(i % 4 === 3 ? '1.999' : '54.95')));
    const refused = results.filter((result) => result.errors);
    expect(refused.map((result) => errorOf(result).field)).toEqual(Array(5).fill('input.lines[0].unitPrice'));
    const numbers = results.filter((result) => !result.errors).map((result) => result.data?.createQuote.quote.number).sort();
    expect(numbers).toEqual(Array.from({ length: 15 }, (_, i) => `DEV-${String(i + 1).padStart(6, '0')}`));
  });

  it.each([
    [{ lines: [] }, 'input.lines'],
    [{ lines: [{ section: 'MONTHLY', description: 'x', quantity: '0', unitPrice: '1' }] }, 'input.lines[0].quantity'],
    [{ lines: [{ section: 'MONTHLY', productId: 'nope', quantity: '1' }] }, 'input.lines[0].productId'],
    [{ lines: [{ section: 'MONTHLY', productId: newId(), quantity: '1' }] }, 'input.lines[0].productId'],
    [{ validUntil: '2020-01-01', lines: [{ section: 'ONE_TIME', description: 'x', quantity: '1', unitPrice: '1' }] }, 'input.validUntil'],
    [{ lines: [{ section: 'ONE_TIME', description: 'x', quantity: '1', unitPrice: '1' }, { section: 'ONE_TIME', description: 'y', quantity: '1', unitPrice: '-2' }] }, 'input.lines'],
  ])('refuses %j naming %s, storing nothing', async (input, field) => {
    const tenant = testTenant();
    const result = await billing.query(tenant, CREATE_QUOTE, { input: { customerId: newId(), ...input } });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [counts] = await billing.sql<{ quotes: number; counters: number }>(
      `SELECT (SELECT count(*)::int FROM billing.quote WHERE tenant_id = ?) AS quotes,
              (SELECT count(*)::int FROM billing.document_counter WHERE tenant_id = ? AND last_number > 0) AS counters`, [tenant, tenant]);
    expect(counts).toEqual({ quotes: 0, counters: 0 });
  });

  it('refuses a product in the wrong section', async () => {
    const tenant = testTenant();
    const { install } = await catalogue(tenant);
    const result = await billing.query(tenant, CREATE_QUOTE, { input: { customerId: newId(), lines: [{ section: 'MONTHLY', productId: install.id, quantity: '1' }] } });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].section' });
  });

  it('follows DRAFT → SENT → ACCEPTED | REFUSED and refuses every other change, naming the quote', async () => {
    const tenant = testTenant();
    const quote = await quoteFor(tenant);
    // A DRAFT can be neither accepted nor refused.
    expect(errorOf(await billing.query(tenant, ACCEPT, { input: { id: quote.id } }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(errorOf(await billing.query(tenant, REFUSE, { input: { id: quote.id } })).message).toContain('DRAFT quote cannot become REFUSED');
    // A stale version is a conflict.
    expect(errorOf(await billing.query(tenant, SEND, { input: { id: quote.id, version: quote.version + 1 } }))).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect((await billing.ok(tenant, SEND, { input: { id: quote.id, version: quote.version } })).sendQuote.quote.status).toBe('SENT');
    expect(errorOf(await billing.query(tenant, SEND, { input: { id: quote.id } }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect((await billing.ok(tenant, REFUSE, { input: { id: quote.id, reason: 'Trop cher' } })).refuseQuote.quote).toMatchObject({ status: 'REFUSED', refusalReason: 'Trop cher' });
    expect(errorOf(await billing.query(tenant, ACCEPT, { input: { id: quote.id } })).message).toContain('REFUSED is final');
    expect(await billing.eventTypes(tenant, quote.id)).toEqual(['quote.created', 'quote.sent', 'quote.refused']);
  });

  it('converts an accepted quote into a contract and one subscription per monthly line, in one step', async () => {
    const tenant = testTenant();
    const quote = await quoteFor(tenant);
    await billing.ok(tenant, SEND, { input: { id: quote.id } });
    const { acceptQuote } = await billing.ok(tenant, ACCEPT, { input: { id: quote.id, contractType: 'SERVICE', startDate: day(1), endDate: day(366), autoRenew: true } });
    expect(acceptQuote.quote.status).toBe('ACCEPTED');
    expect(acceptQuote.contract).toMatchObject({
      number: 'CTR-000001', type: 'SERVICE', status: 'ACTIVE', periodicity: 'MONTHLY', startDate: day(1), endDate: day(366), autoRenew: true,
      amount: { amount: '114.93' }, quote: { id: quote.id },
    });
    expect(acceptQuote.subscriptions.map((s: any) => [s.description, s.price.amount, s.amount.amount, s.product?.sku ?? null])).toEqual([
      ['Produit FIBRE-500', '74.95', '74.95', 'FIBRE-500'], ['Ligne VoIP', '19.99', '39.98', null],
    ]);
    for (const subscription of acceptQuote.subscriptions) {
      expect(subscription).toMatchObject({ status: 'ACTIVE', frequency: 'MONTHLY', startDate: day(1), nextBillingDate: day(1), serviceLocation: quote.serviceLocation, contract: { id: acceptQuote.contract.id }, customer: quote.customer });
    }
    expect(acceptQuote.contract.subscriptions.map((s: any) => s.id)).toEqual(acceptQuote.subscriptions.map((s: any) => s.id));
    const types = await billing.eventTypes(tenant);
    expect(types.filter((type) => /^(quote|contract|subscription)\./.test(type))).toEqual([
      'quote.created', 'quote.sent', 'contract.created', 'subscription.created', 'subscription.created', 'quote.accepted',
    ]);
    // The quote now shows its contract; the location its subscriptions.
    const reread = await billing.ok(tenant, `query($id: ID!, $reps: [_Any!]!) { quote(id: $id) { contract { number } }
      _entities(representations: $reps) { ... on ServiceLocation { subscriptions { id } } } }`,
    { id: quote.id, reps: [{ __typename: 'ServiceLocation', id: quote.serviceLocation.id }] });
    expect(reread.quote.contract.number).toBe('CTR-000001');
    expect(reread._entities[0].subscriptions).toHaveLength(2);
  });

  it('accepts a quote once when two people accept it at the same time; the other gets a conflict and nothing is duplicated', async () => {
    const tenant = testTenant();
    const quote = await quoteFor(tenant);
    await billing.ok(tenant, SEND, { input: { id: quote.id } });
    const results = await Promise.all([1, 2, 3].map(() => billing.query(tenant, ACCEPT, { input: { id: quote.id } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors).map((result) => errorOf(result).code)).toEqual(['CONFLICT', 'CONFLICT']);
    const [rows] = await billing.sql<{ contracts: number; subscriptions: number; counter: string }>(
      `SELECT (SELECT count(*)::int FROM billing.contract WHERE tenant_id = ?) AS contracts,
              (SELECT count(*)::int FROM billing.subscription WHERE tenant_id = ?) AS subscriptions,
              (SELECT last_number FROM billing.document_counter WHERE tenant_id = ? AND kind = 'CONTRACT') AS counter`, [tenant, tenant, tenant]);
    expect(rows).toEqual({ contracts: 1, subscriptions: 2, counter: '1' });
  });

  it('expires undecided quotes past their validity (the job), and refuses to accept them before it runs', async () => {
    const tenant = testTenant();
    const sent = await quoteFor(tenant, { validUntil: day(0) });
    const draft = await quoteFor(tenant, { validUntil: day(0) });
    const later = await quoteFor(tenant, { validUntil: day(5) });
    await billing.ok(tenant, SEND, { input: { id: sent.id } });
    // The job's clock moves to tomorrow (the data stays as it is, so no other run of the job touches it).
    expect(await jobs.expireQuotes({ tenantId: tenant, today: day(0) })).toBe(0);
    expect(await jobs.expireQuotes({ tenantId: tenant, today: day(1) })).toBe(2);
    expect(await jobs.expireQuotes({ tenantId: tenant, today: day(1) })).toBe(0);
    const statuses = await billing.sql<{ id: string; status: string }>('SELECT id, status FROM billing.quote WHERE tenant_id = ? ORDER BY number', [tenant]);
    expect(statuses.map((row) => row.status)).toEqual(['EXPIRED', 'EXPIRED', 'DRAFT']);
    expect(statuses[2]!.id).toBe(later.id);
    expect(await billing.eventTypes(tenant, sent.id)).toEqual(['quote.created', 'quote.sent', 'quote.expired']);
  });

  it('refuses to accept a quote whose validity has ended, even before the job expired it', async () => {
    const tenant = testTenant();
    const quote = await quoteFor(tenant);
    await billing.ok(tenant, SEND, { input: { id: quote.id } });
    await billing.sql('UPDATE billing.quote SET valid_until = current_date - 1, quoted_on = current_date - 31 WHERE id = ?', [quote.id]);
    expect(errorOf(await billing.query(tenant, ACCEPT, { input: { id: quote.id } }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(await billing.sql('SELECT id FROM billing.contract WHERE tenant_id = ?', [tenant])).toEqual([]);
  });
});

describe('contracts and subscriptions', () => {
  const CREATE_CONTRACT = 'mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id number status endDate autoRenew amount { amount currency } } } }';
  const STATUS = 'mutation($input: ChangeContractStatusInput!) { changeContractStatus(input: $input) { contract { status } } }';

  it('moves contracts through their statuses and refuses the others; renews or expires them past their end', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const create = async (input: Record<string, unknown>) =>
      (await billing.ok(tenant, CREATE_CONTRACT, { input: { customerId, type: 'SUPPORT', periodicity: 'ANNUAL', amount: '120', ...input } })).createContract.contract;
    const renewing = await create({ startDate: day(-360), endDate: day(5), autoRenew: true });
    const ending = await create({ startDate: day(-360), endDate: day(9) });
    const open = await create({});
    expect([renewing.number, ending.number, open.number]).toEqual(['CTR-000001', 'CTR-000002', 'CTR-000003']);
    expect(errorOf(await billing.query(tenant, CREATE_CONTRACT, { input: { customerId, type: 'SUPPORT', periodicity: 'ANNUAL', amount: '1', autoRenew: true } })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });

    expect((await billing.ok(tenant, STATUS, { input: { id: open.id, status: 'INACTIVE' } })).changeContractStatus.contract.status).toBe('INACTIVE');
    expect(errorOf(await billing.query(tenant, STATUS, { input: { id: open.id, status: 'EXPIRED' } }))).toMatchObject({ field: 'input.status' });
    expect((await billing.ok(tenant, STATUS, { input: { id: open.id, status: 'TERMINATED' } })).changeContractStatus.contract.status).toBe('TERMINATED');
    expect(errorOf(await billing.query(tenant, STATUS, { input: { id: open.id, status: 'ACTIVE' } }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });

    // The job's clock moves 40 days ahead (the data stays as it is, so no other run of the job touches it).
    expect(await jobs.renewOrExpireContracts({ tenantId: tenant, today: day(40) })).toBe(2);
    expect(await jobs.renewOrExpireContracts({ tenantId: tenant, today: day(40) })).toBe(0);
    const rows = await billing.sql<{ number: string; status: string; end_date: string }>(
      'SELECT number, status, end_date::text FROM billing.contract WHERE tenant_id = ? ORDER BY number', [tenant]);
    expect(rows.slice(0, 2)).toEqual([
      // An annual contract that ended is renewed by one year.
      { number: 'CTR-000001', status: 'ACTIVE', end_date: addMonths(day(5), 12) },
      { number: 'CTR-000002', status: 'EXPIRED', end_date: day(9) },
    ]);
    expect(await billing.eventTypes(tenant, ending.id)).toEqual(['contract.created', 'contract.expired']);
    expect(await billing.eventTypes(tenant, renewing.id)).toEqual(['contract.created', 'contract.renewed']);
  });

  it('subscribes to a plan of the catalogue, pauses and cancels, and lists each location\'s subscriptions in one statement', async () => {
    const tenant = testTenant();
    const { fibre, voip, install } = await catalogue(tenant);
    const [customerId, home, cottage] = [newId(), newId(), newId()];
    const subscribe = (productId: string, serviceLocationId: string) => billing.query(tenant,
      'mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { subscription { id status price { amount } frequency description } } }',
      { input: { customerId, serviceLocationId, productId } });
    const first = (await subscribe(fibre.id, home)).data?.createSubscription.subscription;
    expect(first).toMatchObject({ status: 'ACTIVE', price: { amount: '74.95' }, frequency: 'MONTHLY', description: 'Produit FIBRE-500' });
    await subscribe(voip.id, home);
    await subscribe(voip.id, cottage);
    expect(errorOf(await subscribe(install.id, home))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productId' });

    const change = (status: string) => billing.query(tenant,
      'mutation($input: ChangeSubscriptionStatusInput!) { changeSubscriptionStatus(input: $input) { subscription { status nextBillingDate } } }',
      { input: { id: first.id, status } });
    expect((await change('PAUSED')).data?.changeSubscriptionStatus.subscription.status).toBe('PAUSED');
    expect((await change('CANCELLED')).data?.changeSubscriptionStatus.subscription).toEqual({ status: 'CANCELLED', nextBillingDate: null });
    expect(errorOf(await change('ACTIVE'))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(await billing.eventTypes(tenant, first.id)).toEqual(['subscription.created', 'subscription.paused', 'subscription.cancelled']);

    const before = await billing.statementsInRequests();
    const locations = await billing.ok(tenant, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ServiceLocation { id subscriptions { status description } } } }',
      { reps: [home, cottage, newId()].map((id) => ({ __typename: 'ServiceLocation', id })) });
    expect(await billing.statementsInRequests() - before).toBe(1);
    expect(locations._entities.map((location: any) => location.subscriptions.map((s: any) => s.status))).toEqual([['CANCELLED', 'ACTIVE'], ['ACTIVE'], []]);
  });
});

describe('invoice workflow', () => {
  const ISSUE = 'mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { invoice { id number status outstanding { amount } total { amount } taxes { code amount { amount } } } } }';
  const VOID = 'mutation($input: VoidInvoiceInput!) { voidInvoice(input: $input) { invoice { status number outstanding { amount } voidReason } } }';

  it('numbers drafts when they are issued, in issue order, and voids only unpaid invoices', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const create = async (draft: boolean) => (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, draft, lines: [line('Fibre', '1', '100')] } })).createInvoice.invoice;
    const draft = await create(true);
    expect(draft).toMatchObject({ number: null, status: 'DRAFT', outstanding: { amount: '0.00' }, total: { amount: '114.98' } });
    const issued = await create(false);
    expect(issued.number).toBe('INV-000001');
    // The tax profile changed since the draft was made: issuing prices it with today's.
    await billing.ok(tenant, 'mutation { setTaxProfile(input: { currency: "CAD", taxes: [{ code: "GST", name: "TPS", rate: "0.05" }] }) { taxProfile { currency } } }');
    const { issueInvoice } = await billing.ok(tenant, ISSUE, { input: { id: draft.id } });
    expect(issueInvoice.invoice).toMatchObject({ number: 'INV-000002', status: 'ISSUED', total: { amount: '105.00' }, outstanding: { amount: '105.00' }, taxes: [{ code: 'GST', amount: { amount: '5.00' } }] });
    expect(errorOf(await billing.query(tenant, ISSUE, { input: { id: draft.id } }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(await billing.eventTypes(tenant, draft.id)).toEqual(['invoice.created', 'invoice.issued']);

    const voided = (await billing.ok(tenant, VOID, { input: { id: draft.id, reason: 'Erreur de client' } })).voidInvoice.invoice;
    expect(voided).toEqual({ status: 'VOID', number: 'INV-000002', outstanding: { amount: '0.00' }, voidReason: 'Erreur de client' });
    expect(await billing.eventTypes(tenant, draft.id)).toEqual(['invoice.created', 'invoice.issued', 'invoice.voided']);
    await billing.ok(tenant, 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }',
      { input: { customerId, amount: '10', method: 'CASH', invoiceIds: [issued.id] } });
    expect(errorOf(await billing.query(tenant, VOID, { input: { id: issued.id, reason: 'x' } })).message).toContain('PARTIALLY_PAID invoice cannot become VOID');
    expect(errorOf(await billing.query(tenant, VOID, { input: { id: issued.id, reason: ' ' } }))).toMatchObject({ field: 'input.reason' });
  });

  it('applies a voucher once, on a draft, as a discount line the totals follow', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const draft = async () => (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, draft: true, lines: [line('Fibre', '2', '50.00')] } })).createInvoice.invoice;
    const apply = (invoiceId: string, code: string) => billing.query(tenant,
      `mutation($input: ApplyVoucherInput!) { applyVoucher(input: $input) { voucher { state redeemedOn { id } }
        invoice { id subtotal { amount } taxes { amount { amount } } total { amount } } } }`, { input: { invoiceId, code } });
    await billing.ok(tenant, 'mutation { createVoucher(input: { code: "bienvenue10", kind: PERCENT, percent: "12.5" }) { voucher { code } } }');
    await billing.ok(tenant, 'mutation($c: ID) { createVoucher(input: { code: "FIDELE-25", kind: AMOUNT, amount: "25", customerId: $c }) { voucher { customer { id } } } }', { c: newId() });
    expect(errorOf(await billing.query(tenant, 'mutation { createVoucher(input: { code: "BIENVENUE10", kind: AMOUNT, amount: "5" }) { voucher { id } } }')))
      .toMatchObject({ code: 'CONFLICT', field: 'input.code' });

    const [first, second] = [await draft(), await draft()];
    const applied = (await apply(first.id, 'Bienvenue10')).data?.applyVoucher;
    // 100.00 − 12.5 % = 87.50 HT; GST 4.38 (4.375), QST 8.73 (8.728125); 100.61 TTC.
    expect(applied.invoice).toMatchObject({ subtotal: { amount: '87.50' }, taxes: [{ amount: { amount: '4.38' } }, { amount: { amount: '8.73' } }], total: { amount: '100.61' } });
    expect(applied.voucher).toEqual({ state: 'REDEEMED', redeemedOn: { id: first.id } });
    expect(errorOf(await apply(second.id, 'BIENVENUE10'))).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect(errorOf(await apply(second.id, 'FIDELE-25')).message).toContain('another customer');
    expect(errorOf(await apply(second.id, 'NOPE-1'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    // Attached to this customer it applies; on an issued invoice it does not.
    await billing.ok(tenant, 'mutation($c: ID!) { detachVoucher(input: { code: "FIDELE-25" }) { voucher { customer { id } } } attachVoucher(input: { code: "FIDELE-25", customerId: $c }) { voucher { customer { id } } } }', { c: customerId });
    const issued = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, lines: [line('Fibre', '1', '50')] } })).createInvoice.invoice;
    expect(errorOf(await apply(issued.id, 'FIDELE-25'))).toMatchObject({ code: 'CONFLICT', field: 'input.invoiceId' });
    expect((await apply(second.id, 'FIDELE-25')).data?.applyVoucher.invoice.subtotal.amount).toBe('75.00');
    // Voiding the draft frees its voucher.
    await billing.ok(tenant, VOID, { input: { id: first.id, reason: 'annulée' } });
    const customer = await billing.ok(tenant, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { vouchers { code state } } } voucher(code: "BIENVENUE10") { state } }',
      { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(customer._entities[0].vouchers).toEqual([{ code: 'FIDELE-25', state: 'REDEEMED' }]);
    expect(customer.voucher.state).toBe('ACTIVE');
    const ids = await billing.ok(tenant, '{ welcome: voucher(code: "BIENVENUE10") { id } loyalty: voucher(code: "FIDELE-25") { id } }');
    expect(await billing.eventTypes(tenant, ids.welcome.id)).toEqual(['voucher.created', 'voucher.redeemed']);
    expect(await billing.eventTypes(tenant, ids.loyalty.id)).toEqual(['voucher.created', 'voucher.detached', 'voucher.attached', 'voucher.redeemed']);
  });

  it('applies a voucher only within its validity window, both days included', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const create = (code: string, window: Record<string, string>) => billing.query(tenant,
      'mutation($input: CreateVoucherInput!) { createVoucher(input: $input) { voucher { code state validFrom validUntil } } }',
      { input: { code, kind: 'AMOUNT', amount: '10', ...window } });
    const apply = async (code: string) => {
      const draft = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, draft: true, lines: [line('Fibre', '1', '50.00')] } })).createInvoice.invoice;
      return billing.query(tenant, 'mutation($input: ApplyVoucherInput!) { applyVoucher(input: $input) { invoice { subtotal { amount } } } }', { input: { invoiceId: draft.id, code } });
    };
    const states = [
      ['SOON', { validFrom: day(1) }, 'NOT_YET_VALID'],
      ['PAST', { validFrom: day(-30), validUntil: day(-1) }, 'EXPIRED'],
      ['TODAY-ONLY', { validFrom: day(0), validUntil: day(0) }, 'ACTIVE'],
      ['OPEN-ENDED', { validFrom: day(-1) }, 'ACTIVE'],
    ] as const;
    for (const [code, window, state] of states) {
      expect((await create(code, window)).data?.createVoucher.voucher).toEqual({ code, state, validFrom: window.validFrom, validUntil: 'validUntil' in window ? window.validUntil : null });
    }
    for (const [code, state] of [['SOON', 'NOT_YET_VALID'], ['PAST', 'EXPIRED']] as const) {
      const refused = errorOf(await apply(code));
      expect(refused).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
      expect(refused.message).toContain(state);
    }
    for (const code of ['TODAY-ONLY', 'OPEN-ENDED']) expect((await apply(code)).data?.applyVoucher.invoice.subtotal.amount).toBe('40.00');
    expect(errorOf(await create('BACKWARDS', { validFrom: day(2), validUntil: day(1) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validUntil' });
    // The refused ones stay as they were: unused, no discount line, no redemption event.
    expect(await billing.sql('SELECT v.code FROM billing.voucher_redemption r JOIN billing.voucher v ON v.id = r.voucher_id WHERE r.tenant_id = ? ORDER BY v.code', [tenant]))
      .toEqual([{ code: 'OPEN-ENDED' }, { code: 'TODAY-ONLY' }]);
  });
});

describe('catalogue and tax profile', () => {
  it('upserts products by SKU and lists them by SKU with a hard page maximum', async () => {
    const tenant = testTenant();
    await catalogue(tenant);
    const again = (await billing.ok(tenant, UPSERT_PRODUCT, { input: { sku: 'VOIP', description: 'VoIP', unitPrice: '24.99', billing: 'MONTHLY' } })).upsertProduct;
    expect(again).toMatchObject({ isNew: false, product: { unitPrice: { amount: '24.99', currency: 'CAD' }, recurring: true } });
    const page = await billing.ok(tenant, '{ products(first: 3) { totalCount edges { node { sku } } pageInfo { hasNextPage endCursor } } }');
    expect(page.products.edges.map((edge: any) => edge.node.sku)).toEqual(['FIBRE-500', 'INSTALL', 'SUPPORT']);
    const rest = await billing.ok(tenant, 'query($after: String) { products(first: 3, after: $after) { edges { node { sku } } } }', { after: page.products.pageInfo.endCursor });
    expect(rest.products.edges.map((edge: any) => edge.node.sku)).toEqual(['VOIP']);
    expect(errorOf(await billing.query(tenant, UPSERT_PRODUCT, { input: { sku: 'bad sku', description: 'x', unitPrice: '1', billing: 'MONTHLY' } }))).toMatchObject({ field: 'input.sku' });
  });

  it('sets a Moroccan profile (TVA 7 %, MAD), for billing administrators only', async () => {
    const tenant = testTenant('ma');
    const SET = 'mutation($input: SetTaxProfileInput!) { setTaxProfile(input: $input) { taxProfile { currency taxes { code rate } } } }';
    const input = { currency: 'MAD', taxes: [{ code: 'TVA', name: 'TVA 7 %', rate: '0.07' }] };
    expect(errorOf(await billing.query(tenant, SET, { input }, ['agent']))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await billing.query(tenant, SET, { input: { ...input, taxes: [{ code: 'TVA', name: 'TVA', rate: '7' }] } }))).toMatchObject({ field: 'input.taxes[0].rate' });
    expect((await billing.ok(tenant, SET, { input }, ['billing'])).setTaxProfile.taxProfile).toEqual({ currency: 'MAD', taxes: [{ code: 'TVA', rate: '0.07' }] });
    const invoice = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId: newId(), lines: [line('Abonnement', '3', '33.35')] } })).createInvoice.invoice;
    expect(invoice.total).toEqual({ amount: '107.05', currency: 'MAD' });
  });

  it('keeps a tenant\'s tax profile in memory between requests, and prices with the new one as soon as it is set', async () => {
    const tenant = testTenant('cached');
    const PROFILE = '{ taxProfile { currency taxes { code rate } } }';
    const SET = 'mutation($input: SetTaxProfileInput!) { setTaxProfile(input: $input) { taxProfile { currency } } }';
    const statementsOf = async (run: () => Promise<unknown>) => {
      const before = await billing.statementsInRequests();
      await run();
      return (await billing.statementsInRequests()) - before;
    };
    expect(await statementsOf(() => billing.ok(tenant, PROFILE))).toBe(1);
    expect(await statementsOf(() => billing.ok(tenant, PROFILE))).toBe(0);
    await billing.ok(tenant, SET, { input: { currency: 'EUR', taxes: [{ code: 'TVA', name: 'TVA 20 %', rate: '0.20' }] } });
    expect((await billing.ok(tenant, PROFILE)).taxProfile).toEqual({ currency: 'EUR', taxes: [{ code: 'TVA', rate: '0.2' }] });
    const invoice = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId: newId(), lines: [line('Fibre', '1', '50.00')] } })).createInvoice.invoice;
    expect(invoice.total).toEqual({ amount: '60.00', currency: 'EUR' });
  });
});
