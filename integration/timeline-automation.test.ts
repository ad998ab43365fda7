import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BillingJobs, billingSubgraph, createRuntime, loadBillingEnv } from '@c360/billing';
import { openDatabase, subgraphDatabaseUrl, type MikroORM } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { eventually, startTestSystem, type TestSystem } from './testkit.ts';
import { bearer, client, createCustomer, errorOf, okClient, renameCustomer } from './partners.ts';

let system: TestSystem;
let billingOrm: MikroORM;
let jobs: BillingJobs;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
  // The scheduled jobs run here on billing's database, on chosen days; the billing process relays their events.
  billingOrm = await openDatabase({
    schema: 'billing', url: subgraphDatabaseUrl(inject('adminUrl'), 'billing'), entities: billingSubgraph.entities, migrations: billingSubgraph.migrations,
  });
  jobs = new BillingJobs({ em: billingOrm.em.fork(), ...createRuntime(loadBillingEnv({})) });
});
afterAll(async () => {
  await billingOrm?.close();
  await system?.stop();
});

/** `YYYY-MM-DD`, `days` from today (UTC). */
const day = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const TIMELINE = `query($id: ID!, $first: Int, $after: String, $types: [String!], $from: DateTime, $to: DateTime) { customer(id: $id) {
  timeline(first: $first, after: $after, types: $types, from: $from, to: $to) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id type occurredAt domain subjectId summary changedFields automation { rule triggerEventId triggerType } } } } } }`;

interface Entry {
  id: string;
  type: string;
  occurredAt: string;
  domain: string;
  summary: string;
  changedFields: string[];
  automation: { rule: string; triggerEventId: string; triggerType: string } | null;
}

async function timelineOf(gql: ReturnType<typeof okClient>, id: string, args: Record<string, unknown> = {}) {
  const { customer } = await gql(TIMELINE, { id, first: 100, ...args });
  return customer.timeline as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Entry }[] };
}

/** Waits until the timeline has an entry of each of `types`, and returns its entries. */
const timelineWith = (gql: ReturnType<typeof okClient>, id: string, types: string[]) => eventually(async () => {
  const entries = (await timelineOf(gql, id)).edges.map((edge) => edge.node);
  for (const type of types) expect(entries.map((entry) => entry.type)).toContain(type);
  return entries;
});

const INVOICE = 'mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id number } } }';
const invoice = async (gql: ReturnType<typeof okClient>, customerId: string, unitPrice: string, dueDate?: string) =>
  (await gql(INVOICE, { input: { customerId, lines: [{ description: 'Fibre 500', quantity: '1', unitPrice }], ...(dueDate ? { dueDate } : {}) } })).createInvoice.invoice as { id: string; number: string };

describe('the customer timeline', () => {
  it('gathers what every subgraph recorded about a customer, newest first, in pages, by type and period', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    const customer = await createCustomer(gql, 'Chloé Fortin');
    await renameCustomer(gql, customer, 'Chloé Fortin-Roy');
    await gql('mutation($id: ID!) { addNote(input: { customerId: $id, body: "Préfère le courriel" }) { note { id } } }', { id: customer.id });
    const { number } = await invoice(gql, customer.id, '100.00');
    await gql('mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }', { input: { customerId: customer.id, amount: '40.00', method: 'CASH' } });
    await gql('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
      { input: { customerId: customer.id, connectionType: 'FIBRE', address: { number: '5', street: 'rue Dufferin', city: 'Granby', region: 'QC', postalCode: 'J2G 4W5', country: 'CA' } } });
    await gql('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }', { input: { customerId: customer.id, subject: 'Lenteur le soir' } });

    const expected = ['ticket.opened', 'location.created', 'payment.received', 'invoice.created', 'note.created', 'customer.updated', 'customer.created'];
    const entries = await timelineWith(gql, customer.id, expected);
    expect(entries.map((entry) => entry.type).filter((type) => expected.includes(type))).toEqual(expected);
    const times = entries.map((entry) => Date.parse(entry.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(entries.map((entry) => entry.domain))).toEqual(new Set(['customers', 'billing', 'service', 'support']));
    const byType = Object.fromEntries(entries.map((entry) => [entry.type, entry]));
    expect(byType['customer.updated']!.changedFields).toEqual(['name']);
    expect(byType['invoice.created']!.summary).toContain(`Invoice ${number} created`);
    expect(byType['payment.received']!.summary).toContain('40.00');

    // Pages of two, without overlap or gap.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await timelineOf(gql, customer.id, { first: 2, after });
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(entries.map((entry) => entry.id));

    const money = await timelineOf(gql, customer.id, { types: ['invoice.*', 'payment.received'] });
    expect(money.edges.map((edge) => edge.node.type)).toEqual(['payment.received', 'invoice.created']);
    expect(money.totalCount).toBe(2);
    const since = await timelineOf(gql, customer.id, { from: byType['invoice.created']!.occurredAt, to: byType['ticket.opened']!.occurredAt });
    expect(since.edges.map((edge) => edge.node.type)).toEqual(['location.created', 'payment.received', 'invoice.created']);
  });

  it('shows every kind of change the issue lists, each from the subgraph that made it, each family filterable', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    const customer = await createCustomer(gql, 'Yves Bergeron');
    const customerId = customer.id;
    const run = (mutation: string, input: Record<string, unknown>) => gql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { __typename } }`, { input });
    // The mutations whose ids later steps need name their input type themselves.
    const ids = async (query: string, input: Record<string, unknown>, pick: (data: Record<string, any>) => string) => pick(await gql(query, { input }));

    await renameCustomer(gql, customer, 'Yves Bergeron-Côté');                                          // profile change
    await run('addNote', { customerId, body: 'Client depuis 2009' });                                    // note
    await gql('mutation($input: LogEmailInput!) { logEmail(input: $input) { isNew } }', {                 // e-mail
      input: { customerId, direction: 'INBOUND', from: 'yves@example.ca', to: ['service@example.ca'], subject: 'Facture', sentAt: new Date().toISOString() },
    });
    await run('addLifeEvent', { customerId, kind: 'MOVE', title: 'Déménage à Granby', occursOn: day(40) });  // life event
    await run('createQuote', { customerId, lines: [{ section: 'MONTHLY', description: 'Fibre 1 Gb', quantity: '1', unitPrice: '90.00' }] });  // quote
    const { id: invoiceId } = await invoice(gql, customerId, '120.00', day(1));                          // invoice
    await run('recordPayment', { customerId, amount: '20.00', method: 'CASH' });                         // payment
    await run('createPaymentArrangement', { customerId, amount: '100.00', dueDate: day(10), cutoffDate: day(15) });  // arrangement
    await run('createReminder', { invoiceId, channel: 'LETTER' });                                       // reminder
    const locationId = await ids('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
      { customerId, connectionType: 'FIBRE', address: { number: '12', street: 'rue Dufferin', city: 'Granby', region: 'QC', postalCode: 'J2G 4W5', country: 'CA' } },
      (data) => data.createServiceLocation.location.id);
    await run('addEquipment', { locationId, kind: 'ONT', model: 'Nokia G-010G-Q', serial: `ALCL${tenant.slice(-8).toUpperCase()}` });  // equipment
    await run('createVoipLine', { locationId, did: '450 555 0199' });                                    // 911 (the line's registration)
    await run('assignIp', { locationId, ip: '198.51.100.23' });                                          // IP
    const technicianId = await ids('mutation($input: CreateTechnicianInput!) { createTechnician(input: $input) { technician { id } } }',
      { name: 'Karine Houle' }, (data) => data.createTechnician.technician.id);
    const ticketId = await ids('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }',  // ticket
      { customerId, locationId, subject: 'Pas de tonalité', department: 'FIELD_SERVICE' }, (data) => data.openTicket.ticket.id);
    const start = new Date(Date.now() + 2 * 86_400_000);
    const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
    const dispatchJobId = await ids('mutation($input: ScheduleDispatchInput!) { scheduleDispatch(input: $input) { dispatchJob { id } } }',  // visit
      { ticketId, technicianIds: [technicianId], start: at(0), end: at(2) }, (data) => data.scheduleDispatch.dispatchJob.id);
    await run('createWorkOrder', { customerId, dispatchJobId, visits: [{ technicianId, arrivedAt: at(0.25), departedAt: at(1.5) }] });  // work order
    await run('suspendCustomer', { customerId, reason: 'CUSTOMER_REQUEST', note: "À l'étranger" });       // suspension

    // In the order the changes were made, with the subgraph that made each.
    const expected: [type: string, domain: string][] = [
      ['customer.updated', 'customers'], ['note.created', 'customers'], ['email_message.created', 'customers'], ['life_event.created', 'customers'],
      ['quote.created', 'billing'], ['invoice.created', 'billing'], ['payment.received', 'billing'], ['arrangement.created', 'billing'],
      ['reminder.created', 'billing'], ['equipment.installed', 'service'], ['e911.address_changed', 'service'], ['ip.assigned', 'service'],
      ['ticket.opened', 'support'], ['dispatch.scheduled', 'support'], ['work_order.created', 'support'], ['customer.suspended', 'customers'],
    ];
    const entries = await timelineWith(gql, customerId, expected.map(([type]) => type));
    // Newest first: the first time each type happened comes after (lower in the feed than) everything done later.
    const firstOf = (type: string) => entries.findLastIndex((entry) => entry.type === type);
    expect(expected.map(([type]) => firstOf(type))).toEqual(expected.map(([type]) => firstOf(type)).sort((a, b) => b - a));
    expect(new Set(expected.map(([type]) => firstOf(type))).size).toBe(expected.length);
    for (const [type, domain] of expected) expect({ type, domain: entries[firstOf(type)]!.domain }).toEqual({ type, domain });
    expect(entries.every((entry) => entry.summary.length > 0)).toBe(true);

    // Each family alone, through the filter.
    const families = [...new Set(expected.map(([type]) => type.split('.')[0]!))];
    const filtered = await Promise.all(families.map((family) => timelineOf(gql, customerId, { types: [`${family}.*`] })));
    families.forEach((family, index) => {
      const types = filtered[index]!.edges.map((edge) => edge.node.type);
      expect(types.length).toBeGreaterThan(0);
      expect(types.every((type) => type.startsWith(`${family}.`))).toBe(true);
      expect(filtered[index]!.totalCount).toBe(entries.filter((entry) => entry.type.startsWith(`${family}.`)).length);
    });
  });

  it('refuses bad filters naming the argument, and shows nothing to another tenant', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    const customer = await createCustomer(gql, 'Privé');
    const raw = client(system, await bearer(tenant));
    expect(errorOf(await raw(TIMELINE, { id: customer.id, types: ['Invoice'] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'types[0]' });
    expect(errorOf(await raw(TIMELINE, { id: customer.id, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(errorOf(await raw(TIMELINE, { id: customer.id, first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    await timelineWith(gql, customer.id, ['customer.created']);
    expect((await okClient(system, await bearer(testTenant()))(TIMELINE, { id: customer.id })).customer).toBeNull();
  });
});

const SET_CUSTOMER_RULE = 'mutation($input: SetCustomerAutomationRuleInput!) { setCustomerAutomationRule(input: $input) { rule { rule enabled updatedBy } } }';
const SET_BILLING_RULE = 'mutation($input: SetBillingAutomationRuleInput!) { setBillingAutomationRule(input: $input) { rule { rule enabled channel } } }';

describe('automation rules', () => {
  it('are off until an admin turns them on, per tenant', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    const { tenantSettings, billingSettings } = await gql('{ tenantSettings { automationRules { rule enabled description } } billingSettings { automationRules { rule enabled channel } } }');
    expect(tenantSettings.automationRules.map((rule: any) => [rule.rule, rule.enabled])).toEqual([['SUSPEND_ON_BROKEN_ARRANGEMENT', false], ['REACTIVATE_ON_PAYMENT', false]]);
    expect(billingSettings.automationRules.map((rule: any) => rule.rule)).toEqual(['OVERDUE_REMINDER', 'CONTRACT_RENEWAL_REMINDER', 'CREDIT_LIMIT_ALERT']);
    expect((await gql(SET_BILLING_RULE, { input: { rule: 'OVERDUE_REMINDER', enabled: true, channel: 'SMS' } })).setBillingAutomationRule.rule).toEqual({ rule: 'OVERDUE_REMINDER', enabled: true, channel: 'SMS' });
    expect(errorOf(await client(system, await bearer(tenant, ['agent']))(SET_CUSTOMER_RULE, { input: { rule: 'REACTIVATE_ON_PAYMENT', enabled: true } }))).toMatchObject({ code: 'FORBIDDEN' });
    const other = await okClient(system, await bearer(testTenant()))('{ billingSettings { automationRules { rule enabled } } }');
    expect(other.billingSettings.automationRules.every((rule: any) => !rule.enabled)).toBe(true);
  });

  it('suspend a customer whose arrangement broke (service follows) and reactivate them when a payment clears the overdue balance', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    for (const rule of ['SUSPEND_ON_BROKEN_ARRANGEMENT', 'REACTIVATE_ON_PAYMENT']) await gql(SET_CUSTOMER_RULE, { input: { rule, enabled: true } });
    const customer = await createCustomer(gql, 'Denis Lapointe');
    const location = (await gql('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
      { input: { customerId: customer.id, connectionType: 'FIBRE', address: { number: '8', street: 'rue Court', city: 'Granby', region: 'QC', postalCode: 'J2G 4Y6', country: 'CA' } } })).createServiceLocation.location;
    await gql('mutation($input: InstallServiceLocationInput!) { installServiceLocation(input: $input) { location { status } } }', { input: { locationId: location.id, version: 1 } });
    await invoice(gql, customer.id, '150.00', day(1));
    await gql('mutation($input: CreatePaymentArrangementInput!) { createPaymentArrangement(input: $input) { arrangement { id } } }',
      { input: { customerId: customer.id, amount: '150.00', dueDate: day(2), cutoffDate: day(3) } });

    // The cutoff passes unpaid: billing breaks the arrangement, customers suspends, service suspends the location.
    expect(await jobs.settleArrangements({ tenantId: tenant, today: day(5) })).toBe(1);
    const STATUS = `query($id: ID!) { customer(id: $id) { status currentSuspension { reason note suspendedBy } locations { status } } }`;
    const suspended = await eventually(async () => {
      const { customer: found } = await gql(STATUS, { id: customer.id });
      expect(found).toMatchObject({ status: 'SUSPENDED', locations: [{ status: 'SUSPENDED' }] });
      return found;
    });
    expect(suspended.currentSuspension).toMatchObject({ reason: 'NON_PAYMENT', suspendedBy: 'automation:SUSPEND_ON_BROKEN_ARRANGEMENT' });
    expect(suspended.currentSuspension.note).toMatch(/cutoff .* passed unpaid/);

    // Paying the overdue invoice reactivates.
    expect(await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(10) })).toBe(1);
    const { balance } = (await gql('query($id: ID!) { customer(id: $id) { balance { amount } } }', { id: customer.id })).customer;
    await gql('mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }', { input: { customerId: customer.id, amount: balance.amount, method: 'CARD' } });
    await eventually(async () => expect((await gql(STATUS, { id: customer.id })).customer).toMatchObject({ status: 'ACTIVE', currentSuspension: null, locations: [{ status: 'ACTIVE' }] }));

    const entries = await timelineWith(gql, customer.id, ['arrangement.broken', 'customer.suspended', 'payment.received', 'customer.reactivated']);
    const broken = entries.find((entry) => entry.type === 'arrangement.broken')!;
    const payment = entries.find((entry) => entry.type === 'payment.received')!;
    expect(entries.find((entry) => entry.type === 'customer.suspended')!.automation).toEqual({ rule: 'SUSPEND_ON_BROKEN_ARRANGEMENT', triggerEventId: broken.id, triggerType: 'arrangement.broken' });
    expect(entries.find((entry) => entry.type === 'customer.reactivated')!.automation).toEqual({ rule: 'REACTIVATE_ON_PAYMENT', triggerEventId: payment.id, triggerType: 'payment.received' });
    expect(entries.find((entry) => entry.type === 'customer.suspended')!.summary).toContain('by automation SUSPEND_ON_BROKEN_ARRANGEMENT');
  });

  it('leave customers alone while off: a broken arrangement does not suspend', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    const customer = await createCustomer(gql, 'Sans règle');
    await invoice(gql, customer.id, '80.00');
    await gql('mutation($input: CreatePaymentArrangementInput!) { createPaymentArrangement(input: $input) { arrangement { id } } }',
      { input: { customerId: customer.id, amount: '80.00', dueDate: day(1), cutoffDate: day(1) } });
    await jobs.settleArrangements({ tenantId: tenant, today: day(3) });
    await timelineWith(gql, customer.id, ['arrangement.broken']);
    // The timeline saw the event, so the rule's consumer (earlier in the same process) has had it too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await gql('query($id: ID!) { customer(id: $id) { status } }', { id: customer.id })).customer.status).toBe('ACTIVE');
  });

  it("remind of an overdue invoice on the tenant's channel unless an arrangement is live, and of a contract nearing its end", async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    await gql(SET_BILLING_RULE, { input: { rule: 'OVERDUE_REMINDER', enabled: true, channel: 'SMS' } });
    await gql(SET_BILLING_RULE, { input: { rule: 'CONTRACT_RENEWAL_REMINDER', enabled: true } });
    const [late, arranged] = [await createCustomer(gql, 'En retard'), await createCustomer(gql, 'Avec entente')];
    await invoice(gql, late.id, '60.00', day(1));
    await invoice(gql, arranged.id, '60.00', day(1));
    await gql('mutation($input: CreatePaymentArrangementInput!) { createPaymentArrangement(input: $input) { arrangement { id } } }',
      { input: { customerId: arranged.id, amount: '60.00', dueDate: day(20), cutoffDate: day(30) } });
    await gql('mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } } }',
      { input: { customerId: late.id, type: 'SERVICE', periodicity: 'MONTHLY', amount: '30.00', autoRenew: true, endDate: day(20) } });
    expect(await jobs.markInvoicesOverdue({ tenantId: tenant, today: day(5) })).toBe(2);
    expect(await jobs.flagContractsEndingSoon({ tenantId: tenant })).toBe(1);
    expect(await jobs.flagContractsEndingSoon({ tenantId: tenant })).toBe(0);

    const REMINDERS = 'query($id: ID!) { customer(id: $id) { reminders { edges { node { kind level channel status automatic } } } } }';
    const reminders = await eventually(async () => {
      const found = (await gql(REMINDERS, { id: late.id })).customer.reminders.edges.map((edge: any) => edge.node);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(reminders).toEqual(expect.arrayContaining([
      { kind: 'PAYMENT', level: 1, channel: 'SMS', status: 'PENDING', automatic: true },
      { kind: 'CONTRACT_END', level: 1, channel: 'EMAIL', status: 'PENDING', automatic: true },
    ]));
    await eventually(async () => {
      const entries = await timelineWith(gql, late.id, ['invoice.overdue', 'contract.ending_soon', 'reminder.created']);
      expect(entries.filter((entry) => entry.type === 'reminder.created').map((entry) => entry.automation?.rule).sort())
        .toEqual(['CONTRACT_RENEWAL_REMINDER', 'OVERDUE_REMINDER']);
    });
    await timelineWith(gql, arranged.id, ['invoice.overdue']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await gql(REMINDERS, { id: arranged.id })).customer.reminders.edges).toEqual([]);
  });

  it('alert once when the balance reaches 90 % of the credit limit, and again only after it dropped below', async () => {
    const tenant = testTenant();
    const gql = okClient(system, await bearer(tenant));
    await gql(SET_BILLING_RULE, { input: { rule: 'CREDIT_LIMIT_ALERT', enabled: true } });
    const customer = await createCustomer(gql, 'À crédit');
    await gql('mutation($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { customer { id } } }', { input: { customerId: customer.id, creditLimit: '200.00' } });
    const alerts = async (count: number) => eventually(async () => {
      const found = (await timelineOf(gql, customer.id, { types: ['credit_limit.*'] })).edges.map((edge) => edge.node);
      expect(found).toHaveLength(count);
      return found;
    });
    // Taxes included (Quebec, 14.975 %): 172.46 is 86 % of the limit, then 183.96 is 92 %.
    await invoice(gql, customer.id, '150.00');
    await timelineWith(gql, customer.id, ['invoice.created']);
    await invoice(gql, customer.id, '10.00');
    const [first] = await alerts(1);
    expect(first!.automation).toMatchObject({ rule: 'CREDIT_LIMIT_ALERT', triggerType: 'invoice.created' });
    expect(first!.summary).toContain('Credit limit alert raised');
    // Still above: no second alert. Paying brings it below, so the next crossing alerts again.
    await invoice(gql, customer.id, '5.00');
    await gql('mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }', { input: { customerId: customer.id, amount: '100.00', method: 'CASH' } });
    await timelineWith(gql, customer.id, ['payment.received']);
    await invoice(gql, customer.id, '100.00');
    await alerts(2);
  });
});
