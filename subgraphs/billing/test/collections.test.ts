import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { newId } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import type { BillingJobs } from '../src/jobs/collections.jobs.ts';
import { CREATE_INVOICE, jobsOf, day, errorOf, line, startBilling, type BillingUnderTest } from './harness.ts';

const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }';
const CREATE_ARRANGEMENT = `mutation($input: CreatePaymentArrangementInput!) { createPaymentArrangement(input: $input) {
  arrangement { id status amount { amount } agreedOn dueDate cutoffDate daysToCutoff createdBy version } } }`;
const UPDATE_ARRANGEMENT = 'mutation($input: UpdatePaymentArrangementInput!) { updatePaymentArrangement(input: $input) { arrangement { status changeReason amount { amount } version } } }';
const REMINDERS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
  reminders { totalCount edges { node { kind level channel status penalty { amount } automatic invoice { id } contract { id } } } } } } }`;

let billing: BillingUnderTest;
let jobs: BillingJobs;
beforeAll(async () => {
  billing = await startBilling();
  jobs = jobsOf(billing);
});
afterAll(() => billing?.stop());

const invoiceFor = async (tenant: string, customerId: string, unitPrice = '100') =>
  (await billing.ok(tenant, CREATE_INVOICE, { input: { customerId, lines: [line('Fibre', '1', unitPrice)] } })).createInvoice.invoice;
const remindersOf = async (tenant: string, customerId: string) =>
  (await billing.ok(tenant, REMINDERS, { reps: [{ __typename: 'Customer', id: customerId }] }))._entities[0].reminders;

/** Publishes events on the bus as another subgraph's relay would, then lets billing's consumers catch up. */
async function publish(tenant: string, type: string, data: Record<string, unknown>, id = randomUUID()) {
  const envelope = { specversion: '1.0', id, source: '/c360/test', type, subject: String(Object.values(data)[0]), time: new Date().toISOString(), tenantid: tenant, datacontenttype: 'application/json', data };
  await billing.sql('SELECT bus.publish(?::jsonb)', [JSON.stringify([envelope])]);
  for (const consumer of billing.subgraph.consumers) await consumer.catchUp();
  return id;
}

describe('the collections job', () => {
  it('marks invoices overdue, reminds at each level of the schedule with the late penalty, and cancels reminders once paid', async () => {
    const tenant = testTenant();
    const customerId = newId();
    await billing.ok(tenant, `mutation { updateBillingSettings(input: { lateFee: "5", lateInterestRate: "0.02",
      reminderSchedule: [{ afterDays: 1, channel: EMAIL }, { afterDays: 10, channel: SMS }] }) { settings { version } } }`);
    const invoice = await invoiceFor(tenant, customerId); // 114.98, due in 30 days
    const other = await invoiceFor(tenant, newId());
    await billing.ok(tenant, PAY, { input: { customerId: other.customer.id, amount: '114.98', method: 'CASH' } });

    expect(await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(30) })).toBe(0);
    expect(await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(31) })).toBe(1);
    expect(await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(31) })).toBe(0);
    expect(await billing.eventTypes(tenant, invoice.id)).toEqual(['invoice.created', 'invoice.overdue']);

    expect(await jobs.generateReminders({ tenantId: tenant, today: day(30) })).toBe(0);
    expect(await jobs.generateReminders({ tenantId: tenant, today: day(31) })).toBe(1);
    expect(await jobs.generateReminders({ tenantId: tenant, today: day(35) })).toBe(0);
    expect(await jobs.generateReminders({ tenantId: tenant, today: day(41) })).toBe(1);
    // Penalty: 5.00 + 2 % of 114.98 (2.2996 → 2.30) = 7.30.
    expect((await remindersOf(tenant, customerId)).edges.map((edge: any) => edge.node)).toEqual([
      { kind: 'PAYMENT', level: 2, channel: 'SMS', status: 'PENDING', penalty: { amount: '7.30' }, automatic: true, invoice: { id: invoice.id }, contract: null },
      { kind: 'PAYMENT', level: 1, channel: 'EMAIL', status: 'PENDING', penalty: { amount: '7.30' }, automatic: true, invoice: { id: invoice.id }, contract: null },
    ]);

    await billing.ok(tenant, PAY, { input: { customerId, amount: '114.98', method: 'CHEQUE' } });
    await jobs.generateReminders({ tenantId: tenant, today: day(42) });
    expect((await remindersOf(tenant, customerId)).edges.map((edge: any) => edge.node.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('makes only the highest level reached when it runs late, and reminds of contracts ending without renewal', async () => {
    const tenant = testTenant();
    const customerId = newId();
    await invoiceFor(tenant, customerId);
    await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(31) });
    // Default schedule: 1 EMAIL, 15 SMS, 30 LETTER; 40 days past due reaches LETTER.
    await jobs.generateReminders({ tenantId: tenant, today: day(70) });
    const contract = (await billing.ok(tenant, 'mutation($c: ID!, $end: Date) { createContract(input: { customerId: $c, type: MAINTENANCE, periodicity: ANNUAL, amount: "240", startDate: "2026-01-01", endDate: $end }) { contract { id } } }',
      { c: customerId, end: day(20) })).createContract.contract;
    await billing.ok(tenant, 'mutation($c: ID!, $end: Date) { createContract(input: { customerId: $c, type: SUPPORT, periodicity: ANNUAL, amount: "1", endDate: $end, autoRenew: true }) { contract { id } } }',
      { c: customerId, end: day(20) });
    // (A scheduled run elsewhere on this database may make it first: the count is at most one, the result the same.)
    expect(await jobs.generateReminders({ tenantId: tenant })).toBeLessThanOrEqual(1);
    expect(await jobs.generateReminders({ tenantId: tenant })).toBe(0);
    expect((await remindersOf(tenant, customerId)).edges.map((edge: any) => [edge.node.kind, edge.node.level, edge.node.channel, edge.node.contract?.id ?? null])).toEqual([
      ['CONTRACT_END', 1, 'EMAIL', contract.id], ['PAYMENT', 3, 'LETTER', null],
    ]);
  });
});

describe('payment arrangements', () => {
  it('keeps one live arrangement per customer with its days to cutoff, and breaks it when the cutoff passes unpaid', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const input = { customerId, amount: '150', dueDate: day(5), cutoffDate: day(10), method: 'PHONE', staffNote: 'Par téléphone avec Gen' };
    const results = await Promise.all([1, 2, 3].map(() => billing.query(tenant, CREATE_ARRANGEMENT, { input })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors).map((result) => errorOf(result))).toEqual(Array(2).fill(expect.objectContaining({ code: 'CONFLICT', field: 'input.customerId' })));
    const created = results.find((result) => !result.errors)!.data?.createPaymentArrangement.arrangement;
    expect(created).toMatchObject({ status: 'OPEN', amount: { amount: '150.00' }, agreedOn: day(), daysToCutoff: 10, createdBy: `test-${tenant}` });

    const customer = await billing.ok(tenant, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { activeArrangement { id daysToCutoff } arrangements { totalCount } } } }',
      { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(customer._entities[0]).toEqual({ activeArrangement: { id: created.id, daysToCutoff: 10 }, arrangements: { totalCount: 1 } });

    // A payment covering part of it does not complete it; the cutoff passing breaks it.
    await billing.ok(tenant, PAY, { input: { customerId, amount: '100', method: 'CASH' } });
    expect(await jobs.settleArrangements({ tenantId: tenant, today: day(10) })).toBe(0);
    expect(await jobs.settleArrangements({ tenantId: tenant, today: day(11) })).toBe(1);
    const [row] = await billing.sql<{ status: string; change_reason: string }>('SELECT status, change_reason FROM billing.payment_arrangement WHERE id = ?', [created.id]);
    expect(row).toEqual({ status: 'BROKEN', change_reason: 'cutoff date passed unpaid' });
    const [event] = await billing.sql<{ envelope: any }>(`SELECT envelope FROM billing.outbox WHERE subject = ? AND type = 'arrangement.broken'`, [created.id]);
    expect(event?.envelope.data).toMatchObject({ customerId, arrangementId: created.id, amount: '150.00', paid: '100.00', cutoffDate: day(10) });
    // No longer live: a new one can be made.
    expect((await billing.ok(tenant, CREATE_ARRANGEMENT, { input: { ...input, cutoffDate: day(20) } })).createPaymentArrangement.arrangement.status).toBe('OPEN');
  });

  it('completes an arrangement once payments since it was agreed cover it, and checks dates, reasons and transitions', async () => {
    const tenant = testTenant();
    const customerId = newId();
    expect(errorOf(await billing.query(tenant, CREATE_ARRANGEMENT, { input: { customerId, amount: '50', dueDate: day(9), cutoffDate: day(8) } })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cutoffDate' });
    expect(errorOf(await billing.query(tenant, CREATE_ARRANGEMENT, { input: { customerId, amount: '0', dueDate: day(1), cutoffDate: day(8) } })))
      .toMatchObject({ field: 'input.amount' });
    const pending = (await billing.ok(tenant, CREATE_ARRANGEMENT, { input: { customerId, amount: '50', dueDate: day(3), cutoffDate: day(8), status: 'PENDING' } })).createPaymentArrangement.arrangement;
    expect(errorOf(await billing.query(tenant, UPDATE_ARRANGEMENT, { input: { id: pending.id, status: 'COMPLETED', changeReason: 'payé' } })).message).toContain('PENDING payment arrangement cannot become COMPLETED');
    expect(errorOf(await billing.query(tenant, UPDATE_ARRANGEMENT, { input: { id: pending.id, status: 'OPEN', changeReason: '  ' } }))).toMatchObject({ field: 'input.changeReason' });
    expect(errorOf(await billing.query(tenant, UPDATE_ARRANGEMENT, { input: { id: pending.id, status: 'OPEN', changeReason: 'x', version: 9 } }))).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const opened = (await billing.ok(tenant, UPDATE_ARRANGEMENT, { input: { id: pending.id, status: 'OPEN', amount: '60', changeReason: 'Client confirme par courriel', version: pending.version } })).updatePaymentArrangement.arrangement;
    expect(opened).toEqual({ status: 'OPEN', changeReason: 'Client confirme par courriel', amount: { amount: '60.00' }, version: pending.version + 1 });

    await billing.ok(tenant, PAY, { input: { customerId, amount: '60', method: 'CARD' } });
    expect(await jobs.settleArrangements({ tenantId: tenant })).toBeLessThanOrEqual(1);
    expect(await jobs.settleArrangements({ tenantId: tenant })).toBe(0);
    expect(await billing.eventTypes(tenant, pending.id)).toEqual(['arrangement.created', 'arrangement.opened', 'arrangement.completed']);
    expect(errorOf(await billing.query(tenant, UPDATE_ARRANGEMENT, { input: { id: pending.id, amount: '1', changeReason: 'x' } })).message).toContain('COMPLETED payment arrangement cannot be changed');
  });
});

describe('reminders by hand and statistics', () => {
  it('follows a reminder PENDING → SENT → PROCESSED, and counts quotes, overdue invoices and reminders', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const invoice = await invoiceFor(tenant, customerId, '50');
    const create = await billing.ok(tenant, 'mutation($i: ID) { createReminder(input: { invoiceId: $i, channel: PHONE, penalty: "2.50" }) { reminder { id level status subject automatic penalty { amount } customer { id } } } }', { i: invoice.id });
    const reminder = create.createReminder.reminder;
    expect(reminder).toMatchObject({ level: 1, status: 'PENDING', subject: 'Invoice INV-000001: reminder 1', automatic: false, penalty: { amount: '2.50' }, customer: { id: customerId } });
    expect(errorOf(await billing.query(tenant, 'mutation { createReminder(input: { channel: SMS }) { reminder { id } } }'))).toMatchObject({ field: 'input.invoiceId' });
    const change = (status: string) => billing.query(tenant, 'mutation($i: ID!, $s: ReminderStatus!) { changeReminderStatus(input: { id: $i, status: $s }) { reminder { status sentAt processedAt } } }', { i: reminder.id, s: status });
    expect(errorOf(await change('PROCESSED'))).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect((await change('SENT')).data?.changeReminderStatus.reminder.status).toBe('SENT');
    expect((await change('PROCESSED')).data?.changeReminderStatus.reminder.status).toBe('PROCESSED');

    await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(40) });
    const quote = (status: string) => billing.sql(
      `INSERT INTO billing.quote (id, tenant_id, customer_id, number, status, currency, quoted_on, valid_until, one_time_subtotal, one_time_tax_total, one_time_total,
         monthly_subtotal, monthly_tax_total, monthly_total) VALUES (?, ?, ?, ?, ?, 'CAD', current_date, current_date, 0, 0, 0, 0, 0, 0)`,
      [newId(), tenant, customerId, `Q-${randomUUID()}`, status]);
    for (const status of ['ACCEPTED', 'ACCEPTED', 'REFUSED', 'EXPIRED', 'SENT']) await quote(status);
    const stats = (await billing.ok(tenant, `{ billingStatistics { quotesByStatus { status count } quoteConversionRate
      overdueInvoices { count total { amount currency } outstanding { amount } } remindersByStatus { status count } } }`)).billingStatistics;
    expect(stats).toEqual({
      quotesByStatus: [{ status: 'DRAFT', count: 0 }, { status: 'SENT', count: 1 }, { status: 'ACCEPTED', count: 2 }, { status: 'REFUSED', count: 1 }, { status: 'EXPIRED', count: 1 }],
      quoteConversionRate: 0.5,
      overdueInvoices: { count: 1, total: { amount: '57.49', currency: 'CAD' }, outstanding: { amount: '57.49' } },
      remindersByStatus: [{ status: 'PENDING', count: 0 }, { status: 'SENT', count: 0 }, { status: 'PROCESSED', count: 1 }, { status: 'CANCELLED', count: 0 }],
    });
    expect((await billing.ok(testTenant(), '{ billingStatistics { quoteConversionRate overdueInvoices { count } } }')).billingStatistics)
      .toEqual({ quoteConversionRate: null, overdueInvoices: { count: 0 } });
  });
});

describe('reacting to other subgraphs\' events', () => {
  it('moves a merged customer\'s billing records to the survivor once (customer.merged)', async () => {
    const tenant = testTenant();
    const [survivor, merged] = [newId(), newId()];
    await invoiceFor(tenant, merged, '10');
    await billing.ok(tenant, PAY, { input: { customerId: merged, amount: '5', method: 'CASH' } });
    await billing.ok(tenant, 'mutation($c: ID!) { createContract(input: { customerId: $c, type: SUPPORT, periodicity: MONTHLY, amount: "9" }) { contract { id } } }', { c: merged });
    await billing.ok(tenant, 'mutation($c: ID!) { recordCreditEntry(input: { customerId: $c, kind: CREDIT, amount: "20", description: "Geste" }) { entry { id } } }', { c: merged });
    for (const [customerId, limit] of [[merged, '300'], [survivor, '100']]) {
      await billing.ok(tenant, 'mutation($c: ID!, $l: String!) { setCreditLimit(input: { customerId: $c, creditLimit: $l }) { customer { id } } }', { c: customerId, l: limit });
    }
    for (const customerId of [merged, survivor]) {
      await billing.ok(tenant, CREATE_ARRANGEMENT, { input: { customerId, amount: '10', dueDate: day(1), cutoffDate: day(2) } });
      await billing.ok(tenant, 'mutation($c: ID!) { addPaymentMethod(input: { customerId: $c, kind: CARD, processor: STRIPE, methodReference: "pm_card_visa", label: "Visa •••• 4242", maskedNumber: "•••• 4242", autoPay: true }) { paymentMethod { id } } }', { c: customerId });
    }
    const eventId = await publish(tenant, 'customer.merged', { survivorId: survivor, mergedId: merged });
    await publish(tenant, 'customer.merged', { survivorId: survivor, mergedId: merged }, eventId);

    const view = await billing.ok(tenant, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
      invoices { totalCount } payments { totalCount } contracts { totalCount } balance { amount } creditBalance { amount } creditLimit { amount }
      arrangements { totalCount edges { node { status } } } activeArrangement { id } paymentMethods { autoPay } creditLedger { edges { node { kind amount { amount } author } } } } } }`,
    { reps: [survivor, merged].map((id) => ({ __typename: 'Customer', id })) });
    const [s, m] = view._entities;
    expect(s).toMatchObject({
      invoices: { totalCount: 1 }, payments: { totalCount: 1 }, contracts: { totalCount: 1 }, creditLimit: { amount: '300.00' }, creditBalance: { amount: '20.00' },
      // 11.50 billed − 5.00 paid − 20.00 of credit.
      balance: { amount: '-13.50' }, arrangements: { totalCount: 2 },
    });
    expect(s.arrangements.edges.map((edge: any) => edge.node.status).sort()).toEqual(['CANCELLED', 'OPEN']);
    expect(s.paymentMethods.map((method: any) => method.autoPay).sort()).toEqual([false, true]);
    expect(s.creditLedger.edges[0].node).toEqual({ kind: 'CREDIT', amount: { amount: '20.00' }, author: 'system:customer.merged' });
    expect(m).toMatchObject({ invoices: { totalCount: 0 }, balance: { amount: '0.00' }, creditBalance: { amount: '0.00' }, creditLimit: { amount: '0.00' }, activeArrangement: null });
    // The same merge announced again (a new event id) finds nothing left to move.
    await publish(tenant, 'customer.merged', { survivorId: survivor, mergedId: merged });
    const [counts] = await billing.sql<{ entries: number; moves: number }>(
      `SELECT (SELECT count(*)::int FROM billing.credit_ledger_entry WHERE tenant_id = ?) AS entries,
              (SELECT count(*)::int FROM billing.outbox WHERE tenant_id = ? AND type = 'billing.customer_records_moved') AS moves`, [tenant, tenant]);
    expect(counts).toEqual({ entries: 3, moves: 2 });
  });

  it('bills a completed work order once (work_order.completed), and skips what cannot be billed', async () => {
    const tenant = testTenant();
    const [customerId, workOrderId] = [newId(), newId()];
    const data = { customerId, workOrderId, lines: [{ description: 'Main-d\'œuvre (heures)', quantity: '1.5', unitPrice: '95.00' }, { description: 'Connecteur SC/APC', quantity: 2, unitPrice: 4.5 }] };
    await publish(tenant, 'work_order.completed', data);
    await publish(tenant, 'work_order.completed', data);
    await publish(tenant, 'work_order.completed', { customerId, workOrderId: newId(), lines: [] });
    await publish(tenant, 'work_order.completed', { customerId, workOrderId: newId(), lines: [{ description: 'x', quantity: '1', unitPrice: 'abc' }] });
    await publish(tenant, 'work_order.completed', { customerId: 'nope', workOrderId: newId() });
    const invoices = await billing.ok(tenant, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
      invoices { totalCount edges { node { number status source total { amount } lines { description quantity amount { amount } } } } } } } }`,
    { reps: [{ __typename: 'Customer', id: customerId }] });
    // 142.50 + 9.00 = 151.50; GST 7.58 (7.575), QST 15.11 (15.112125); 174.19.
    expect(invoices._entities[0].invoices).toEqual({ totalCount: 1, edges: [{ node: {
      number: 'INV-000001', status: 'ISSUED', source: `work_order:${workOrderId}`, total: { amount: '174.19' },
      lines: [{ description: 'Main-d\'œuvre (heures)', quantity: '1.5', amount: { amount: '142.50' } }, { description: 'Connecteur SC/APC', quantity: '2', amount: { amount: '9.00' } }],
    } }] });
  });

  it('invoices a work order in its currency with its taxes, for exactly its total, and refuses lines that come to another', async () => {
    const tenant = testTenant();
    const customerId = newId();
    // The tenant's billing profile is the Quebec default; the work order was priced under TVA 20 % in euros.
    const workOrder = (total: string) => ({
      customerId, workOrderId: newId(), currency: 'EUR', total,
      taxes: [{ code: 'TVA', name: 'TVA 20 %', rate: '0.2', amount: '29.00' }],
      lines: [{ description: 'Labour: Alexis Roy, 2026-11-03', quantity: '0.75', unitPrice: '60.00' }, { description: 'Fibre', quantity: '3', unitPrice: '33.33' }],
    });
    await publish(tenant, 'work_order.completed', workOrder('173.99'));
    await publish(tenant, 'work_order.completed', workOrder('174.00'));
    const invoices = await billing.ok(tenant, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
      invoices { totalCount edges { node { subtotal { amount currency } taxes { code rate amount { amount } } total { amount currency } } } } } } }`,
    { reps: [{ __typename: 'Customer', id: customerId }] });
    // 45.00 + 99.99 = 144.99; TVA 28.998 → 29.00; 173.99, as the work order.
    expect(invoices._entities[0].invoices).toEqual({ totalCount: 1, edges: [{ node: {
      subtotal: { amount: '144.99', currency: 'EUR' }, taxes: [{ code: 'TVA', rate: '0.2', amount: { amount: '29.00' } }], total: { amount: '173.99', currency: 'EUR' },
    } }] });
  });
});
