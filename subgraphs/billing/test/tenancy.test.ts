import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { CREATE_INVOICE, jobsOf, day, errorOf, line, startBilling, type BillingUnderTest } from './harness.ts';

let billing: BillingUnderTest;
beforeAll(async () => {
  billing = await startBilling();
});
afterAll(() => billing?.stop());

/** Tenant A's world: one of every billing type, on one customer and one location. */
async function worldOf(tenant: string) {
  const customerId = newId();
  const locationId = newId();
  const ok = (query: string, variables: Record<string, unknown> = {}) => billing.ok(tenant, query, variables);
  await ok('mutation { updateBillingSettings(input: { quotePrefix: "SECRET-", lateFee: "99" }) { settings { version } } }');
  const product = (await ok('mutation { upsertProduct(input: { sku: "FIBRE", description: "Fibre", unitPrice: "50", billing: MONTHLY }) { product { id } } }')).upsertProduct.product;
  const quote = (await ok('mutation($c: ID!, $l: ID, $p: ID) { createQuote(input: { customerId: $c, serviceLocationId: $l, lines: [{ section: MONTHLY, productId: $p, quantity: "1" }] }) { quote { id } } }',
    { c: customerId, l: locationId, p: product.id })).createQuote.quote;
  await ok('mutation($id: ID!) { sendQuote(input: { id: $id }) { quote { id } } }', { id: quote.id });
  const accepted = (await ok('mutation($id: ID!) { acceptQuote(input: { id: $id }) { contract { id } subscriptions { id } } }', { id: quote.id })).acceptQuote;
  const openQuote = (await ok('mutation($c: ID!) { createQuote(input: { customerId: $c, lines: [{ section: ONE_TIME, description: "x", quantity: "1", unitPrice: "1" }] }) { quote { id } } }', { c: customerId })).createQuote.quote;
  const invoice = (await ok(CREATE_INVOICE, { input: { customerId, lines: [line('Fibre', '1', '50')] } })).createInvoice.invoice;
  const draft = (await ok(CREATE_INVOICE, { input: { customerId, draft: true, lines: [line('Fibre', '1', '50')] } })).createInvoice.invoice;
  const payment = (await ok('mutation($c: ID!) { recordPayment(input: { customerId: $c, amount: "10", method: CASH }) { payment { id } } }', { c: customerId })).recordPayment.payment;
  const entry = (await ok('mutation($c: ID!) { recordCreditEntry(input: { customerId: $c, kind: CREDIT, amount: "5", description: "x" }) { entry { id } } }', { c: customerId })).recordCreditEntry.entry;
  await ok('mutation($c: ID!) { setCreditLimit(input: { customerId: $c, creditLimit: "500" }) { customer { id } } }', { c: customerId });
  const arrangement = (await ok('mutation($c: ID!, $d: Date!, $k: Date!) { createPaymentArrangement(input: { customerId: $c, amount: "40", dueDate: $d, cutoffDate: $k }) { arrangement { id } } }',
    { c: customerId, d: day(3), k: day(6) })).createPaymentArrangement.arrangement;
  const method = (await ok('mutation($c: ID!) { addPaymentMethod(input: { customerId: $c, kind: CARD, processor: STRIPE, methodReference: "pm_secret_a", label: "Visa", maskedNumber: "•••• 4242" }) { paymentMethod { id } } }',
    { c: customerId })).addPaymentMethod.paymentMethod;
  const reminder = (await ok('mutation($i: ID) { createReminder(input: { invoiceId: $i, channel: EMAIL }) { reminder { id } } }', { i: invoice.id })).createReminder.reminder;
  await ok('mutation($c: ID) { createVoucher(input: { code: "A-ONLY", kind: AMOUNT, amount: "5", customerId: $c }) { voucher { id } } }', { c: customerId });
  await ok('mutation { createVoucher(input: { code: "A-OPEN", kind: PERCENT, percent: "10" }) { voucher { id } } }');
  return { customerId, locationId, product, quote, openQuote, contract: accepted.contract, subscription: accepted.subscriptions[0], invoice, draft, payment, entry, arrangement, method, reminder };
}

const CUSTOMER_FIELDS = `balance { amount } openAmount { amount } totalPurchases { amount } salesCount lastPurchaseDate averagePurchase { amount }
  creditBalance { amount } creditLimit { amount } availableCredit { amount } canPurchase(amount: "1") creditLedger { totalCount }
  invoices { totalCount } payments { totalCount } quotes { totalCount } contracts { totalCount } subscriptions { totalCount }
  arrangements { totalCount } activeArrangement { id } paymentMethods { id } autoPay reminders { totalCount } vouchers { code }`;

describe('tenant isolation', () => {
  it('shows tenant B nothing of tenant A, through _entities, queries, lists or statistics', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const world = await worldOf(a);
    const reps = [
      { __typename: 'Customer', id: world.customerId },
      { __typename: 'ServiceLocation', id: world.locationId },
      { __typename: 'Quote', id: world.quote.id },
      { __typename: 'Contract', id: world.contract.id },
      { __typename: 'ServiceSubscription', id: world.subscription.id },
      { __typename: 'PaymentArrangement', id: world.arrangement.id },
      { __typename: 'Invoice', id: world.invoice.id },
      { __typename: 'Payment', id: world.payment.id },
    ];
    const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Customer { ${CUSTOMER_FIELDS} } ... on ServiceLocation { atLocation: subscriptions { id } }
      ... on Quote { quoteNumber: number } ... on Contract { contractNumber: number } ... on ServiceSubscription { id } ... on PaymentArrangement { id }
      ... on Invoice { invoiceNumber: number } ... on Payment { id } } }`;
    const asA = (await billing.ok(a, ENTITIES, { reps }))._entities;
    expect(asA[0]).toMatchObject({ salesCount: 1, creditLimit: { amount: '500.00' }, quotes: { totalCount: 2 }, paymentMethods: [{ id: world.method.id }], vouchers: [{ code: 'A-ONLY' }] });
    expect(asA.slice(1).every((entity: unknown) => entity !== null)).toBe(true);

    const asB = (await billing.ok(b, ENTITIES, { reps }))._entities;
    expect(asB).toEqual([
      {
        balance: { amount: '0.00' }, openAmount: { amount: '0.00' }, totalPurchases: { amount: '0.00' }, salesCount: 0, lastPurchaseDate: null, averagePurchase: null,
        creditBalance: { amount: '0.00' }, creditLimit: { amount: '0.00' }, availableCredit: { amount: '0.00' }, canPurchase: false, creditLedger: { totalCount: 0 },
        invoices: { totalCount: 0 }, payments: { totalCount: 0 }, quotes: { totalCount: 0 }, contracts: { totalCount: 0 }, subscriptions: { totalCount: 0 },
        arrangements: { totalCount: 0 }, activeArrangement: null, paymentMethods: [], autoPay: false, reminders: { totalCount: 0 }, vouchers: [],
      },
      { atLocation: [] },
      null, null, null, null, null, null,
    ]);

    const direct = await billing.ok(b, `query($q: ID!, $c: ID!, $s: ID!, $p: ID!, $r: ID!, $pr: ID!, $i: ID!, $pay: ID!) {
      quote(id: $q) { id } contract(id: $c) { id } subscription(id: $s) { id } paymentArrangement(id: $p) { id } reminder(id: $r) { id }
      product(id: $pr) { id } invoice(id: $i) { id } payment(id: $pay) { id } voucher(code: "A-ONLY") { id } open: voucher(code: "A-OPEN") { id }
      products { totalCount } billingSettings { quotePrefix lateFee { amount } }
      billingStatistics { quotesByStatus { count } overdueInvoices { count } remindersByStatus { count } } }`,
    { q: world.quote.id, c: world.contract.id, s: world.subscription.id, p: world.arrangement.id, r: world.reminder.id, pr: world.product.id, i: world.invoice.id, pay: world.payment.id });
    expect(direct).toEqual({
      quote: null, contract: null, subscription: null, paymentArrangement: null, reminder: null, product: null, invoice: null, payment: null, voucher: null, open: null,
      products: { totalCount: 0 }, billingSettings: { quotePrefix: 'DEV-', lateFee: { amount: '0.00' } },
      billingStatistics: { quotesByStatus: Array(5).fill({ count: 0 }), overdueInvoices: { count: 0 }, remindersByStatus: Array(4).fill({ count: 0 }) },
    });
  });

  it('lets tenant B change nothing of tenant A: every mutation on A\'s records fails and A\'s rows stay as they were', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const world = await worldOf(a);
    const snapshot = () => billing.sql<{ table: string; rows: string }>(
      `SELECT t.table, (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.quote WHERE tenant_id = ?) x) AS rows FROM (VALUES ('quote')) t("table")
       UNION ALL SELECT 'contract', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.contract WHERE tenant_id = ?) x)
       UNION ALL SELECT 'subscription', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.subscription WHERE tenant_id = ?) x)
       UNION ALL SELECT 'invoice', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.invoice WHERE tenant_id = ?) x)
       UNION ALL SELECT 'arrangement', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.payment_arrangement WHERE tenant_id = ?) x)
       UNION ALL SELECT 'method', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.payment_method WHERE tenant_id = ?) x)
       UNION ALL SELECT 'reminder', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.reminder WHERE tenant_id = ?) x)
       UNION ALL SELECT 'voucher', (SELECT md5(string_agg(x::text, '' ORDER BY x::text)) FROM (SELECT * FROM billing.voucher WHERE tenant_id = ?) x)`,
      Array(8).fill(a));
    const before = await snapshot();
    const bDraft = (await billing.ok(b, CREATE_INVOICE, { input: { customerId: world.customerId, draft: true, lines: [line('x', '1', '10')] } })).createInvoice.invoice;
    const attempts: [string, Record<string, unknown>, string | undefined][] = [
      ['mutation($id: ID!) { sendQuote(input: { id: $id }) { quote { id } } }', { id: world.openQuote.id }, undefined],
      ['mutation($id: ID!) { acceptQuote(input: { id: $id }) { quote { id } } }', { id: world.quote.id }, undefined],
      ['mutation($id: ID!) { changeContractStatus(input: { id: $id, status: TERMINATED }) { contract { id } } }', { id: world.contract.id }, undefined],
      ['mutation($id: ID!) { changeSubscriptionStatus(input: { id: $id, status: CANCELLED }) { subscription { id } } }', { id: world.subscription.id }, undefined],
      ['mutation($id: ID!) { issueInvoice(input: { id: $id }) { invoice { id } } }', { id: world.draft.id }, undefined],
      ['mutation($id: ID!) { voidInvoice(input: { id: $id, reason: "x" }) { invoice { id } } }', { id: world.invoice.id }, undefined],
      ['mutation($id: ID!) { chargeInvoice(input: { invoiceId: $id }) { invoice { id } } }', { id: world.invoice.id }, undefined],
      ['mutation($id: ID!) { updatePaymentArrangement(input: { id: $id, status: CANCELLED, changeReason: "x" }) { arrangement { id } } }', { id: world.arrangement.id }, undefined],
      ['mutation($id: ID!) { updatePaymentMethod(input: { id: $id, autoPay: true }) { paymentMethod { id } } }', { id: world.method.id }, undefined],
      ['mutation($id: ID!) { removePaymentMethod(input: { id: $id }) { paymentMethod { id } } }', { id: world.method.id }, undefined],
      ['mutation($id: ID!) { changeReminderStatus(input: { id: $id, status: CANCELLED }) { reminder { id } } }', { id: world.reminder.id }, undefined],
      ['mutation($id: ID) { createReminder(input: { invoiceId: $id, channel: SMS }) { reminder { id } } }', { id: world.invoice.id }, 'input.invoiceId'],
      ['mutation($i: ID!) { applyVoucher(input: { invoiceId: $i, code: "A-OPEN" }) { invoice { id } } }', { i: bDraft.id }, 'input.code'],
      ['mutation($c: ID!) { attachVoucher(input: { code: "A-ONLY", customerId: $c }) { voucher { id } } }', { c: newId() }, 'input.code'],
      ['mutation($c: ID!, $e: ID) { recordCreditEntry(input: { customerId: $c, kind: DEBIT, amount: "5", description: "x", correctsEntryId: $e }) { entry { id } } }', { c: world.customerId, e: world.entry.id }, 'input.correctsEntryId'],
      ['mutation($c: ID!, $p: ID) { createQuote(input: { customerId: $c, lines: [{ section: MONTHLY, productId: $p, quantity: "1" }] }) { quote { id } } }', { c: world.customerId, p: world.product.id }, 'input.lines[0].productId'],
      ['mutation($i: ID!) { recordPayment(input: { customerId: "00000000-0000-7000-8000-000000000001", amount: "1", method: CASH, invoiceIds: [$i] }) { payment { id } } }', { i: world.invoice.id }, 'input.invoiceIds[0]'],
    ];
    for (const [query, variables, field] of attempts) {
      const error = errorOf(await billing.query(b, query, variables));
      expect(error, query).toMatchObject(field ? { code: 'BAD_USER_INPUT', field } : { code: 'NOT_FOUND' });
    }
    // The jobs of tenant B do not touch A either.
    const jobs = jobsOf(billing);
    await jobs.markInvoicesOverdue({ tenantId: b, today: day(400) });
    await jobs.expireQuotes({ tenantId: b, today: day(400) });
    await jobs.settleArrangements({ tenantId: b, today: day(400) });
    await jobs.generateReminders({ tenantId: b, today: day(400) });
    await jobs.renewOrExpireContracts({ tenantId: b, today: day(400) });
    expect(await snapshot()).toEqual(before);
  });
});
