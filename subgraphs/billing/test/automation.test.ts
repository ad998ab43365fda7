import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type EventEnvelope } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import type { BillingJobs } from '../src/jobs/collections.jobs.ts';
import { overdueReminderRule } from '../src/modules/automation/automation.consumer.ts';
import { CREATE_INVOICE, day, jobsOf, line, startBilling, type BillingUnderTest } from './harness.ts';

let billing: BillingUnderTest;
let jobs: BillingJobs;
beforeAll(async () => {
  billing = await startBilling();
  jobs = jobsOf(billing);
});
afterAll(() => billing?.stop());

const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }';
const paymentEvents = async (tenant: string) => (await billing.sql<{ envelope: EventEnvelope }>(
  "SELECT envelope FROM billing.outbox WHERE tenant_id = ? AND type = 'payment.received' ORDER BY seq", [tenant])).map((row) => row.envelope.data);

describe('events for the automation rules', () => {
  it('payment.received says whether the payment cleared the overdue balance', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const { createInvoice } = await billing.ok<any>(tenant, CREATE_INVOICE, { input: { customerId, dueDate: day(1), lines: [line('Fibre', '1', '100')] } });
    await billing.ok(tenant, PAY, { input: { customerId, amount: '10.00', method: 'CASH' } });
    await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(5) });
    await billing.ok(tenant, PAY, { input: { customerId, amount: '50.00', method: 'CASH' } });
    const rest = (Number(createInvoice.invoice.total.amount) - 60).toFixed(2);
    await billing.ok(tenant, PAY, { input: { customerId, amount: rest, method: 'CASH' } });
    expect((await paymentEvents(tenant)).map((data) => [data.overdueBalance, data.overdueCleared])).toEqual([
      ['0.00', false], [rest, false], ['0.00', true],
    ]);
  });

  it('contract.ending_soon comes once per contract and end date, within the notice period', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const create = (endDate: string) => billing.ok<any>(tenant, 'mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } } }',
      { input: { customerId, type: 'SERVICE', periodicity: 'MONTHLY', amount: '30.00', endDate } });
    const soon = (await create(day(25))).createContract.contract.id;
    await create(day(45));
    expect(await jobs.flagContractsEndingSoon({ tenantId: tenant })).toBe(1);
    expect(await jobs.flagContractsEndingSoon({ tenantId: tenant })).toBe(0);
    // Twenty days later the second one is within 30 days too.
    expect(await jobs.flagContractsEndingSoon({ tenantId: tenant, today: day(20) })).toBe(1);
    expect(await billing.eventTypes(tenant, soon)).toContain('contract.ending_soon');
  });
});

describe('the overdue reminder rule', () => {
  it('reminds once per overdue invoice on the chosen channel, whatever the number of deliveries, and not when an arrangement is live', async () => {
    const tenant = testTenant();
    const customerId = newId();
    await billing.ok(tenant, 'mutation { setBillingAutomationRule(input: { rule: OVERDUE_REMINDER, enabled: true, channel: PHONE }) { rule { channel } } }');
    const { createInvoice } = await billing.ok<any>(tenant, CREATE_INVOICE, { input: { customerId, dueDate: day(1), lines: [line('Fibre', '1', '40')] } });
    await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(5) });
    const overdue = (await billing.sql<{ envelope: EventEnvelope }>("SELECT envelope FROM billing.outbox WHERE tenant_id = ? AND type = 'invoice.overdue'", [tenant]))[0]?.envelope;
    for (let n = 0; n < 2; n += 1) await billing.subgraph.orm.em.fork().transactional((tx) => overdueReminderRule.handle(tx, overdue!, 0));
    const reminders = await billing.sql<{ channel: string; level: number; created_by: string }>('SELECT channel, level, created_by FROM billing.reminder WHERE tenant_id = ?', [tenant]);
    expect(reminders).toEqual([{ channel: 'PHONE', level: 1, created_by: 'automation:OVERDUE_REMINDER' }]);
    expect(await billing.sql('SELECT rule, action FROM billing.automation_action WHERE tenant_id = ?', [tenant])).toEqual([{ rule: 'OVERDUE_REMINDER', action: 'REMINDER_CREATED' }]);
    expect(createInvoice.invoice.id).toBe(overdue!.data.invoiceId);

    const other = newId();
    await billing.ok(tenant, CREATE_INVOICE, { input: { customerId: other, dueDate: day(1), lines: [line('Fibre', '1', '40')] } });
    await billing.ok(tenant, 'mutation($input: CreatePaymentArrangementInput!) { createPaymentArrangement(input: $input) { arrangement { id } } }',
      { input: { customerId: other, amount: '10.00', dueDate: day(10), cutoffDate: day(20) } });
    await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(5) });
    const arranged = (await billing.sql<{ envelope: EventEnvelope }>(
      "SELECT envelope FROM billing.outbox WHERE tenant_id = ? AND type = 'invoice.overdue' AND subject <> ?", [tenant, overdue!.subject]))[0]?.envelope;
    await billing.subgraph.orm.em.fork().transactional((tx) => overdueReminderRule.handle(tx, arranged!, 0));
    expect(await billing.sql('SELECT 1 FROM billing.reminder WHERE tenant_id = ? AND customer_id = ?', [tenant, other])).toEqual([]);
  });
});
