import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoId, type DemoTenant } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { seedDemoTenant } from '@c360/scripts/system';
import { eventually, startTestSystem, type TestSystem } from './testkit.ts';
import { bearer, createCustomer, okClient } from './partners.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
});
afterAll(async () => {
  await system?.stop();
});

type Gql = ReturnType<typeof okClient>;

interface Entry {
  type: string;
  occurredAt: string;
  domain: string;
  automation: { rule: string } | null;
}

/** A demo tenant shaped like `npm start`'s (one customer in four has two locations). */
function demoTenant(): DemoTenant {
  const id = testTenant('demo');
  return {
    id,
    name: 'Démo timeline',
    customers: Array.from({ length: 30 }, (_, index) => ({
      index,
      id: demoId(id, 'customer', index),
      locationIds: Array.from({ length: index % 4 === 0 ? 2 : 1 }, (_, n) => demoId(id, 'location', index, n)),
    })),
  };
}

/** Every entry of a customer's timeline, page by page, newest first. */
async function timelineOf(gql: Gql, id: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | null = null;
  do {
    const { customer } = await gql(`query($id: ID!, $after: String) { customer(id: $id) { timeline(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { type occurredAt domain automation { rule } } } } } }`, { id, after });
    entries.push(...customer.timeline.edges.map((edge: { node: Entry }) => edge.node));
    after = customer.timeline.pageInfo.hasNextPage ? customer.timeline.pageInfo.endCursor : null;
  } while (after);
  return entries;
}

/**
 * Records one thing in each subgraph for the sentinel customer and waits until
 * its timeline shows them all (`round` of each kind). Each subgraph's events
 * reach the bus in the order they were written, and the timeline reads the bus
 * in order: once these are in, everything written before them is too.
 */
async function sentinel(gql: Gql, customerId: string, round: number): Promise<void> {
  await gql('mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }', { input: { customerId, body: `Sentinel ${round}` } });
  await gql('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
    { input: { customerId, lines: [{ description: 'Sentinel', quantity: '1', unitPrice: '1.00' }] } });
  await gql('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
    { input: { customerId, connectionType: 'FIBRE', address: { number: String(round), street: 'rue Sentinelle', city: 'Granby', region: 'QC', postalCode: 'J2G 4W5', country: 'CA' } } });
  await gql('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }', { input: { customerId, subject: `Sentinel ${round}` } });
  await eventually(async () => {
    const types = (await timelineOf(gql, customerId)).map((entry) => entry.type);
    for (const type of ['note.created', 'invoice.created', 'location.created', 'ticket.opened']) {
      expect(types.filter((each) => each === type)).toHaveLength(round);
    }
  }, 60_000);
}

const times = (values: string[]) => values.map((value) => Date.parse(value)).sort((a, b) => a - b);

describe('the demo data in the timeline', () => {
  it('shows each demo customer\'s history from every subgraph, when it happened, and sets nothing off again', async () => {
    const plan = demoTenant();
    const gql = okClient(system, await bearer(plan.id));
    // Every automation rule is on before the demo is loaded: its history must trigger none of them.
    for (const rule of ['SUSPEND_ON_BROKEN_ARRANGEMENT', 'REACTIVATE_ON_PAYMENT']) {
      await gql('mutation($input: SetCustomerAutomationRuleInput!) { setCustomerAutomationRule(input: $input) { rule { enabled } } }', { input: { rule, enabled: true } });
    }
    for (const rule of ['OVERDUE_REMINDER', 'CONTRACT_RENEWAL_REMINDER', 'CREDIT_LIMIT_ALERT']) {
      await gql('mutation($input: SetBillingAutomationRuleInput!) { setBillingAutomationRule(input: $input) { rule { enabled } } }', { input: { rule, enabled: true } });
    }
    const loadedAt = new Date();
    await seedDemoTenant(inject('adminUrl'), plan);
    const watcher = await createCustomer(gql, 'Sentinelle');
    await sentinel(gql, watcher.id, 1);

    // A customer with records in every subgraph: notes, invoices and payments, locations and devices, tickets.
    const { customers } = await gql(`{ customers(first: 50) { edges { node {
      id name status createdAt
      notes(first: 100) { totalCount edges { node { createdAt } } }
      invoices(first: 100) { totalCount edges { node { issuedAt } } }
      payments(first: 100) { totalCount }
      tickets(first: 100) { totalCount edges { node { createdAt } } }
      locations { createdAt }
    } } } }`);
    const demo = customers.edges.map((edge: { node: any }) => edge.node).filter((customer: any) => plan.customers.some(({ id }) => id === customer.id));
    expect(demo).toHaveLength(plan.customers.length);
    const rich = demo.find((customer: any) => customer.notes.totalCount > 0 && customer.invoices.totalCount > 0 && customer.payments.totalCount > 0 && customer.tickets.totalCount > 0);
    expect(rich).toBeDefined();

    const entries = await timelineOf(gql, rich.id);
    expect(new Set(entries.map((entry) => entry.domain))).toEqual(new Set(['customers', 'billing', 'service', 'support']));
    const types = new Set(entries.map((entry) => entry.type));
    for (const type of ['customer.created', 'customer_address.created', 'note.created', 'invoice.created', 'payment.received', 'location.created', 'equipment.installed', 'ticket.opened', 'ticket.message_posted']) {
      expect(types).toContain(type);
    }
    // Newest first, all of it before the demo was loaded.
    const occurred = entries.map((entry) => Date.parse(entry.occurredAt));
    expect(occurred).toEqual([...occurred].sort((a, b) => b - a));
    expect(Math.max(...occurred)).toBeLessThan(loadedAt.getTime());
    // Each at the time its record says it happened.
    const at = (type: string) => times(entries.filter((entry) => entry.type === type).map((entry) => entry.occurredAt));
    expect(at('customer.created')).toEqual(times([rich.createdAt]));
    expect(at('note.created')).toEqual(times(rich.notes.edges.map((edge: any) => edge.node.createdAt)));
    expect(at('invoice.created')).toEqual(times(rich.invoices.edges.map((edge: any) => edge.node.issuedAt)));
    expect(at('ticket.opened')).toEqual(times(rich.tickets.edges.map((edge: any) => edge.node.createdAt)));
    expect(at('location.created')).toEqual(times(rich.locations.map((location: any) => location.createdAt)));
    // Nothing acted on the history: no automation, no invoice for an old work order, no port switched, no status changed.
    const { customers: after } = await gql(`query($from: DateTime!) { customers(first: 50) { edges { node {
      id status timeline(first: 1, from: $from) { totalCount } } } } }`, { from: loadedAt.toISOString() });
    for (const { node } of after.edges as { node: { id: string; status: string; timeline: { totalCount: number } } }[]) {
      if (node.id === watcher.id) continue;
      expect(node.timeline.totalCount, `${node.id} has entries from after the demo was loaded`).toBe(0);
      const index = plan.customers.find(({ id }) => id === node.id)?.index;
      if (index !== undefined) expect(node.status).toBe(index % 23 === 0 ? 'SUSPENDED' : index % 41 === 13 ? 'INACTIVE' : 'ACTIVE');
    }
    expect(entries.filter((entry) => entry.automation)).toEqual([]);

    // Loaded once: seeding again records nothing.
    await seedDemoTenant(inject('adminUrl'), plan);
    await sentinel(gql, watcher.id, 2);
    expect(await timelineOf(gql, rich.id)).toHaveLength(entries.length);
  });
});
