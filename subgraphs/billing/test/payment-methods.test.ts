import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { amount, listen, newId, subgraphDatabaseUrl } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import type { BillingJobs } from '../src/jobs/collections.jobs.ts';
import { BILLING_SCHEDULE, startBillingScheduler } from '../src/jobs/scheduler.ts';
import { StripeClient } from '../src/modules/payment-method/stripe.client.ts';
import { CREATE_INVOICE, jobsOf, errorOf, line, startBilling, type BillingUnderTest } from './harness.ts';

const SECRET_KEY = 'sk_test_c360_fake';
const DECLINED = 'pm_card_chargeDeclinedInsufficientFunds';

/**
 * A local stand-in for Stripe's PaymentIntents API: form-encoded POST
 * /v1/payment_intents with a bearer secret key; `confirm=true&off_session=true`
 * answers a succeeded intent, or 402 with a `card_error` for the declining test
 * card; a repeated Idempotency-Key replays the first answer (as Stripe does).
 */
async function startFakeStripe() {
  const charges: { key: string | undefined; form: URLSearchParams }[] = [];
  const replies = new Map<string, { status: number; body: object }>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => { raw += chunk.toString(); });
    req.on('end', () => {
      const reply = (status: number, body: object, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/v1/payment_intents') return reply(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.url})` } });
      if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) return reply(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return reply(400, { error: { type: 'invalid_request_error', message: 'Invalid request: form-encoded body expected' } });
      const key = req.headers['idempotency-key'] as string | undefined;
      const previous = key ? replies.get(key) : undefined;
      if (previous) return reply(previous.status, previous.body, { 'idempotent-replayed': 'true' });
      const form = new URLSearchParams(raw);
      charges.push({ key, form });
      const intent = {
        id: `pi_${randomBytes(12).toString('hex')}`, object: 'payment_intent', amount: Number(form.get('amount')), currency: form.get('currency'),
        customer: form.get('customer'), payment_method: form.get('payment_method'), confirmation_method: 'automatic',
      };
      const answer = form.get('payment_method') === DECLINED
        ? { status: 402, body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: { ...intent, status: 'requires_payment_method' } } } }
        : { status: 200, body: { ...intent, status: 'succeeded', latest_charge: `ch_${randomBytes(8).toString('hex')}` } };
      if (key) replies.set(key, answer);
      reply(answer.status, answer.body);
    });
  });
  const port = await listen(server, 0);
  return { url: `http://127.0.0.1:${port}`, charges, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ADD = `mutation($input: AddPaymentMethodInput!) { addPaymentMethod(input: $input) {
  paymentMethod { id kind processor label maskedNumber expiry autoPay autoPayLimit { amount } active customer { id } } } }`;
const CHARGE = `mutation($input: ChargeInvoiceInput!) { chargeInvoice(input: $input) {
  invoice { status outstanding { amount } } attempt { status failureCode processorReference amount { amount } payment { id method reference } } } }`;

let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
let billing: BillingUnderTest;
beforeAll(async () => {
  stripe = await startFakeStripe();
  billing = await startBilling({ STRIPE_API_URL: stripe.url, STRIPE_SECRET_KEY: SECRET_KEY });
});
afterAll(async () => {
  await billing?.stop();
  await stripe?.stop();
});

const card = (customerId: string, methodReference: string, extra: Record<string, unknown> = {}) => ({
  customerId, kind: 'CARD', processor: 'STRIPE', customerReference: 'cus_Q1w2E3r4', methodReference, label: 'Visa •••• 4242', maskedNumber: '•••• 4242', expiry: '08/29', ...extra,
});

describe('auto-pay through the card processor', () => {
  it('charges an issued invoice to the auto-pay card through Stripe\'s PaymentIntents API and records the payment', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const method = (await billing.ok(tenant, ADD, { input: card(customerId, 'pm_card_visa', { autoPay: true }) })).addPaymentMethod.paymentMethod;
    expect(method).toMatchObject({ kind: 'CARD', label: 'Visa •••• 4242', maskedNumber: '•••• 4242', autoPay: true, active: true, customer: { id: customerId } });
    const before = stripe.charges.length;
    const { createInvoice } = await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, lines: [line('Widget', '2', '19.99')] } });
    expect(createInvoice.invoice).toMatchObject({ status: 'PAID', outstanding: { amount: '0.00' }, paidAmount: { amount: '45.97' } });
    const [attempt] = createInvoice.invoice.paymentAttempts;
    expect(attempt).toMatchObject({ status: 'SUCCEEDED', failureCode: null, amount: { amount: '45.97' } });
    expect(attempt.processorReference).toMatch(/^pi_/);

    expect(stripe.charges.length - before).toBe(1);
    const { key, form } = stripe.charges.at(-1)!;
    expect(key).toBe(`c360-invoice-${createInvoice.invoice.id}-attempt-1`);
    expect(Object.fromEntries(form)).toMatchObject({
      amount: '4597', currency: 'cad', customer: 'cus_Q1w2E3r4', payment_method: 'pm_card_visa', confirm: 'true', off_session: 'true',
      'metadata[invoice_id]': createInvoice.invoice.id, 'metadata[invoice_number]': 'INV-000001', 'metadata[tenant_id]': tenant,
    });
    const payments = await billing.ok(tenant, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { autoPay balance { amount } payments { edges { node { method reference amount { amount } } } } } } }',
      { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(payments._entities[0]).toEqual({ autoPay: true, balance: { amount: '0.00' }, payments: { edges: [{ node: { method: 'CARD', reference: attempt.processorReference, amount: { amount: '45.97' } } }] } });
  });

  it('records a declined charge with the processor\'s reason, and charges the customer\'s new card on retry', async () => {
    const tenant = testTenant();
    const customerId = newId();
    await billing.ok(tenant, ADD, { input: card(customerId, DECLINED, { autoPay: true }) });
    const invoice = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, lines: [line('Fibre', '1', '74.95')] } })).createInvoice.invoice;
    expect(invoice).toMatchObject({ status: 'ISSUED', outstanding: { amount: '86.18' } });
    expect(invoice.paymentAttempts).toEqual([{
      status: 'FAILED', failureCode: 'insufficient_funds', failureReason: 'Your card has insufficient funds.', processorReference: expect.stringMatching(/^pi_/),
      amount: { amount: '86.18' }, payment: null,
    }]);
    expect(await billing.eventTypes(tenant, invoice.id)).toEqual(['invoice.created', 'payment.failed']);

    // A new card with auto-pay takes it over from the declined one.
    const replacement = (await billing.ok(tenant, ADD, { input: card(customerId, 'pm_card_mastercard', { label: 'Mastercard •••• 4444', maskedNumber: '•••• 4444', autoPay: true }) })).addPaymentMethod.paymentMethod;
    const methods = await billing.ok(tenant, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { paymentMethods { id autoPay } } } }', { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(methods._entities[0].paymentMethods.map((method: any) => [method.id === replacement.id, method.autoPay])).toEqual([[false, false], [true, true]]);
    const { chargeInvoice } = await billing.ok(tenant, CHARGE, { input: { invoiceId: invoice.id } });
    expect(chargeInvoice).toMatchObject({ invoice: { status: 'PAID', outstanding: { amount: '0.00' } }, attempt: { status: 'SUCCEEDED', payment: { method: 'CARD' } } });
    expect(stripe.charges.at(-1)!.key).toBe(`c360-invoice-${invoice.id}-attempt-2`);
    expect(errorOf(await billing.query(tenant, CHARGE, { input: { invoiceId: invoice.id } }))).toMatchObject({ code: 'CONFLICT', field: 'input.invoiceId' });
  });

  it('leaves an invoice above the auto-pay limit to a person, and the job charges issued invoices never charged', async () => {
    const tenant = testTenant();
    const customerId = newId();
    await billing.ok(tenant, ADD, { input: card(customerId, 'pm_card_visa', { autoPay: true, autoPayLimit: '50' }) });
    const before = stripe.charges.length;
    const big = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, lines: [line('Routeur', '1', '149.99')] } })).createInvoice.invoice;
    expect(big.paymentAttempts).toEqual([expect.objectContaining({ status: 'FAILED', failureCode: 'over_limit', failureReason: '172.45 is above the auto-pay limit of 50.00', processorReference: null })]);
    expect(stripe.charges.length).toBe(before);
    // An invoice that arrived without being charged (from an event, or the process stopped after issuing it).
    const draft = (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, draft: true, lines: [line('Modem', '1', '5')] } })).createInvoice.invoice;
    await billing.sql("UPDATE billing.invoice SET status = 'ISSUED', number = 'INV-TEST' WHERE id = ?", [draft.id]);
    const jobs = jobsOf(billing, { STRIPE_API_URL: stripe.url, STRIPE_SECRET_KEY: SECRET_KEY });
    // Left to the issuing request for a few minutes; charged by the sweep after that (its clock is moved, not the data).
    expect(await jobs.chargePendingAutoPay({ tenantId: tenant })).toBe(0);
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await jobs.chargePendingAutoPay({ tenantId: tenant, now: later })).toBe(1);
    expect(await jobs.chargePendingAutoPay({ tenantId: tenant, now: later })).toBe(0);
    const [charged] = await billing.sql<{ status: string }>('SELECT status FROM billing.invoice WHERE id = ?', [draft.id]);
    expect(charged!.status).toBe('PAID');
  });
});

describe('the Stripe client', () => {
  const request = (methodReference: string, idempotencyKey: string) => ({
    amount: amount('12.34'), currency: 'EUR', customerReference: null, methodReference, idempotencyKey, description: 'Test', metadata: { invoice_id: 'x' },
  });

  it('charges once for a repeated Idempotency-Key, and reports refusals without throwing', async () => {
    const client = new StripeClient({ baseUrl: stripe.url, secretKey: SECRET_KEY, timeoutMs: 5000 });
    const before = stripe.charges.length;
    const key = `test-${newId()}`;
    const [first, again] = [await client.charge(request('pm_card_visa', key)), await client.charge(request('pm_card_visa', key))];
    expect(first).toEqual(again);
    expect(first.ok).toBe(true);
    expect(stripe.charges.length - before).toBe(1);
    expect(Object.fromEntries(stripe.charges.at(-1)!.form)).toMatchObject({ amount: '1234', currency: 'eur' });
    expect(stripe.charges.at(-1)!.form.has('customer')).toBe(false);

    expect(await new StripeClient({ baseUrl: stripe.url, secretKey: 'sk_test_wrong', timeoutMs: 5000 }).charge(request('pm_card_visa', newId())))
      .toEqual({ ok: false, code: 'invalid_request_error', reason: 'Invalid API Key provided', reference: null });
    const unreachable = await new StripeClient({ baseUrl: 'http://127.0.0.1:9', secretKey: SECRET_KEY, timeoutMs: 1000 }).charge(request('pm_card_visa', newId()));
    expect(unreachable).toMatchObject({ ok: false, code: 'network_error' });
  });
});

describe('managing payment methods', () => {
  const UPDATE = 'mutation($input: UpdatePaymentMethodInput!) { updatePaymentMethod(input: $input) { paymentMethod { id label autoPay autoPayLimit { amount } version } } }';
  const REMOVE = 'mutation($input: RemovePaymentMethodInput!) { removePaymentMethod(input: $input) { paymentMethod { id active autoPay version } } }';
  const METHODS = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { autoPay paymentMethods { id autoPay } } } }';

  it('moves auto-pay between a customer\'s methods, sets and clears its limit, and removes a method', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const methods = async () => (await billing.ok(tenant, METHODS, { reps: [{ __typename: 'Customer', id: customerId }] }))._entities[0];
    const visa = (await billing.ok(tenant, ADD, { input: card(customerId, 'pm_card_visa', { autoPay: true }) })).addPaymentMethod.paymentMethod;
    const amex = (await billing.ok(tenant, ADD, { input: card(customerId, 'pm_card_amex', { label: 'Amex •••• 0005', maskedNumber: '•••• 0005' }) })).addPaymentMethod.paymentMethod;
    const update = async (input: Record<string, unknown>) => (await billing.ok(tenant, UPDATE, { input })).updatePaymentMethod.paymentMethod;

    // Auto-pay on the Amex with a limit: one auto-pay method per customer, so the Visa stops being one.
    expect(await update({ id: amex.id, version: 1, autoPay: true, autoPayLimit: '250' })).toEqual({ id: amex.id, label: 'Amex •••• 0005', autoPay: true, autoPayLimit: { amount: '250.00' }, version: 2 });
    expect(await methods()).toEqual({ autoPay: true, paymentMethods: [{ id: visa.id, autoPay: false }, { id: amex.id, autoPay: true }] });
    // Another label keeps the limit; an empty limit removes it; auto-pay off leaves the customer without it.
    expect(await update({ id: amex.id, label: 'Amex pro' })).toMatchObject({ label: 'Amex pro', autoPayLimit: { amount: '250.00' }, version: 3 });
    expect(await update({ id: amex.id, version: 3, autoPayLimit: '' })).toMatchObject({ autoPay: true, autoPayLimit: null, version: 4 });
    expect(await update({ id: amex.id, version: 4, autoPay: false })).toMatchObject({ autoPay: false, version: 5 });
    expect((await methods()).autoPay).toBe(false);
    expect(errorOf(await billing.query(tenant, UPDATE, { input: { id: amex.id, version: 4, autoPay: true } }))).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(errorOf(await billing.query(tenant, UPDATE, { input: { id: amex.id, autoPayLimit: '-5' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.autoPayLimit' });

    // Removing the auto-pay method stops auto-pay; the method is kept, inactive, and can no longer change.
    await update({ id: visa.id, autoPay: true });
    expect((await billing.ok(tenant, REMOVE, { input: { id: visa.id } })).removePaymentMethod.paymentMethod).toMatchObject({ id: visa.id, active: false, autoPay: false });
    expect(await methods()).toEqual({ autoPay: false, paymentMethods: [{ id: amex.id, autoPay: false }] });
    expect(errorOf(await billing.query(tenant, UPDATE, { input: { id: visa.id, autoPay: true } }))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(errorOf(await billing.query(testTenant(), REMOVE, { input: { id: amex.id } }))).toMatchObject({ code: 'NOT_FOUND' });

    expect(await billing.eventTypes(tenant, amex.id)).toEqual(['payment_method.added', ...Array(4).fill('payment_method.updated')]);
    // The Visa's auto-pay went off when the Amex took it, on again, then the removal.
    expect(await billing.eventTypes(tenant, visa.id)).toEqual(['payment_method.added', ...Array(2).fill('payment_method.updated'), 'payment_method.removed']);
    const [handedOver] = await billing.sql<{ data: any }>(
      `SELECT envelope->'data' AS data FROM billing.outbox WHERE tenant_id = ? AND subject = ? AND type = 'payment_method.updated' ORDER BY seq LIMIT 1`, [tenant, visa.id]);
    expect(handedOver!.data).toEqual({ customerId, paymentMethodId: visa.id, autoPay: false, autoPayLimit: null });
  });
});

describe('payment-method references', () => {
  const REFERENCES = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { paymentMethods { id processorReference { customerReference methodReference } } } } }';

  it('seals references at rest, shows them to billing administrators only, and audits every read', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const visa = (await billing.ok(tenant, ADD, { input: card(customerId, 'pm_1NvSecretVisa') })).addPaymentMethod.paymentMethod;
    const bank = (await billing.ok(tenant, ADD, { input: { customerId, kind: 'BANK_DEBIT', processor: 'BANK', methodReference: 'pad_815_30001_1234567', label: 'Desjardins •••• 4567', maskedNumber: '•••• 4567' } })).addPaymentMethod.paymentMethod;
    const [stored] = await billing.sql<{ sealed: string; plain: boolean }>(
      `SELECT encode(reference_sealed, 'escape') AS sealed, position('pm_1NvSecretVisa' in encode(reference_sealed, 'escape')) > 0 AS plain FROM billing.payment_method WHERE id = ?`, [visa.id]);
    expect(stored!.plain).toBe(false);

    const reps = [{ __typename: 'Customer', id: customerId }];
    const denied = await billing.query(tenant, REFERENCES, { reps }, ['agent']);
    expect(new Set(denied.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    const before = await billing.statementsInRequests();
    const shown = await billing.ok(tenant, REFERENCES, { reps }, ['billing']);
    // The methods, then both references with their audit rows in one statement.
    expect(await billing.statementsInRequests() - before).toBe(2);
    expect(shown._entities[0].paymentMethods).toEqual([
      { id: visa.id, processorReference: { customerReference: 'cus_Q1w2E3r4', methodReference: 'pm_1NvSecretVisa' } },
      { id: bank.id, processorReference: { customerReference: null, methodReference: 'pad_815_30001_1234567' } },
    ]);
    const audit = await billing.sql<{ payment_method_id: string; subject: string; roles: string[]; purpose: string }>(
      'SELECT payment_method_id, subject, roles, purpose FROM billing.payment_method_access WHERE tenant_id = ? ORDER BY id', [tenant]);
    expect(audit).toEqual([
      { payment_method_id: visa.id, subject: `test-${tenant}`, roles: ['billing'], purpose: 'READ' },
      { payment_method_id: bank.id, subject: `test-${tenant}`, roles: ['billing'], purpose: 'READ' },
    ]);
    // A sealed value copied into another row does not open there.
    await billing.sql('UPDATE billing.payment_method SET reference_sealed = (SELECT reference_sealed FROM billing.payment_method WHERE id = ?) WHERE id = ?', [visa.id, bank.id]);
    const swapped = await billing.query(tenant, REFERENCES, { reps }, ['admin']);
    expect(swapped.errors?.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it.each([
    [{ maskedNumber: '4242424242424242' }, 'input.maskedNumber'],
    [{ maskedNumber: '4242 4242' }, 'input.maskedNumber'],
    [{ expiry: '13/29' }, 'input.expiry'],
    [{ methodReference: 'pm with spaces' }, 'input.methodReference'],
    [{ autoPayLimit: '0' }, 'input.autoPayLimit'],
  ])('refuses %j naming %s, storing nothing', async (extra, field) => {
    const tenant = testTenant();
    expect(errorOf(await billing.query(tenant, ADD, { input: card(newId(), 'pm_card_visa', extra) }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await billing.sql('SELECT id FROM billing.payment_method WHERE tenant_id = ?', [tenant])).toEqual([]);
  });
});

describe('the schedule', () => {
  it('runs on pg-boss in the billing_jobs schema with the billing role, one queue per job, and a queued job runs its method', async () => {
    const ran: string[] = [];
    // Billing processes of other test files work the same queues in this database; a queue of
    // this test's own is one whose jobs only this scheduler can take.
    const probe = { name: `billing.schedule-probe-${randomBytes(4).toString('hex')}`, cron: '0 0 1 1 *' };
    const schedule = [...BILLING_SCHEDULE, probe].map(({ name, cron }) => ({ name, cron, run: async () => { ran.push(name); return 0; } }));
    const scheduler = await startBillingScheduler({ url: subgraphDatabaseUrl(inject('adminUrl'), 'billing'), jobs: {} as BillingJobs, schedule });
    try {
      const schedules = await scheduler.boss.getSchedules();
      expect(schedules.map((entry) => [entry.name, entry.cron]).sort()).toEqual(schedule.map((job) => [job.name, job.cron]).sort());
      const [owner] = await billing.sql<{ owner: string }>("SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'billing_jobs'");
      expect(owner!.owner).toBe('c360_billing');
      await scheduler.boss.send(probe.name, {});
      // pg-boss polls each queue every 2 s; a loaded machine running other suites may take longer.
      const deadline = Date.now() + 30_000;
      while (!ran.includes(probe.name) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ran).toContain(probe.name);
    } finally {
      await scheduler.boss.unschedule(probe.name);
      await scheduler.stop();
    }
  }, 60_000);
});
