/**
 * The system the end-to-end tests drive: every subgraph, the gateway with its
 * development sign-in and the ops app's dev server, on this run's database,
 * with one of the standard demo tenants (the ones the sign-in page offers).
 */
import { print } from 'graphql';
import { demoPlan } from '@c360/kit';
import type { GraphQLResponse } from '@c360/kit/testing';
import { seedDemoTenant } from '@c360/scripts/system';
import { CUSTOMER_360_QUERY, PAGE_SIZE, type Customer360 } from '../../web/src/features/customer360/operations.ts';
import { eventually, startTestSystem, type TestSystem } from '../testkit.ts';
import { requireChromium } from './browser.ts';

export interface OpsAppSystem extends TestSystem {
  opsAppUrl: string;
}

/**
 * Seeds the demo tenant `tenantId` (idempotent) and starts the system with the
 * ops app. Fails first when there is no browser to drive it.
 */
export async function startOpsAppSystem(adminUrl: string, tenantId: string): Promise<OpsAppSystem> {
  requireChromium();
  const tenant = demoPlan().find(({ id }) => id === tenantId);
  if (!tenant) throw new Error(`${tenantId} is not a demo tenant`);
  await seedDemoTenant(adminUrl, tenant);
  // One person clicking needs few connections; the default pools (10 per subgraph) of two such systems
  // running side by side would take what a stock PostgreSQL allows (100) from the rest of the run.
  const system = await startTestSystem(adminUrl, { DB_POOL_SIZE: '4' }, { opsApp: true });
  return { ...system, opsAppUrl: system.opsAppUrl! };
}

/** The customer's lists that are connections (a count and a first page) and the ones that are plain lists. */
const CONNECTIONS = ['invoices', 'payments', 'arrangements', 'reminders', 'quotes', 'contracts', 'subscriptions', 'tickets', 'workOrders', 'lifeEvents', 'emails', 'changes', 'notes'] as const;
const LISTS = ['contacts', 'addresses', 'partners', 'vouchers', 'paymentMethods'] as const;

const SCORE_QUERY = `query DemoCustomers($after: String) {
  customers(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name phone
      ${CONNECTIONS.map((field) => `${field}(first: 1) { totalCount }`).join(' ')}
      ${LISTS.map((field) => `${field} { id }`).join(' ')}
      locations { equipment { id } voipLines { id } subscriptions { id } tickets(first: 1) { totalCount } }
    } }
  }
}`;

interface ScoredLocation {
  equipment: unknown[];
  voipLines: unknown[];
  subscriptions: unknown[];
  tickets: { totalCount: number };
}

type ScoredCustomer = { id: string; name: string; phone: string | null; locations: ScoredLocation[] }
  & Record<(typeof CONNECTIONS)[number], { totalCount: number }> & Record<(typeof LISTS)[number], unknown[]>;

interface ScorePage {
  customers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: ScoredCustomer }[] };
}

export interface DemoCustomer {
  id: string;
  name: string;
  phone: string | null;
  /** How many of the 360 page's lists have something in them. */
  filledLists: number;
}

/**
 * The tenant's customers, those with something in the most lists of the 360
 * page first: the demo data is generated, so the test asks the graph which
 * customer shows the most rather than naming one.
 */
export async function demoCustomersByRichness(system: TestSystem, tenant: string): Promise<DemoCustomer[]> {
  const customers: DemoCustomer[] = [];
  for (let after: string | null = null; ;) {
    const { data, errors }: GraphQLResponse<ScorePage> = await system.as(tenant)<ScorePage>(SCORE_QUERY, { after });
    if (!data || errors) throw new Error(`DemoCustomers: ${errors?.length} errors, the first: ${JSON.stringify(errors?.[0])}`);
    for (const { node } of data.customers.edges) {
      const filled = [
        ...CONNECTIONS.map((field) => node[field].totalCount > 0),
        ...LISTS.map((field) => node[field].length > 0),
        ...(['equipment', 'voipLines', 'subscriptions'] as const).map((field) => node.locations.some((location) => location[field].length > 0)),
        node.locations.some((location) => location.tickets.totalCount > 0),
      ];
      customers.push({ id: node.id, name: node.name, phone: node.phone, filledLists: filled.filter(Boolean).length });
    }
    if (!data.customers.pageInfo.hasNextPage) break;
    after = data.customers.pageInfo.endCursor;
  }
  // Stable: equally rich customers keep the graph's order.
  return customers.sort((a, b) => b.filledLists - a.filledLists);
}

/** What the 360 page's own query answers for this customer, asked straight from the gateway (not through the browser). */
export async function customer360(system: TestSystem, tenant: string, id: string): Promise<{ customer: Customer360; errorCodes: string[] }> {
  const { data, errors } = await system.as(tenant)<{ customer: Customer360 }>(print(CUSTOMER_360_QUERY), { id, pageSize: PAGE_SIZE });
  return { customer: data!.customer, errorCodes: (errors ?? []).map((error) => String(error.extensions?.code)) };
}

/** What `recordActivity` records, as the timeline's entry types. */
export const RECORDED_ACTIVITY = ['note.created', 'invoice.created', 'ticket.opened'] as const;

/**
 * Records activity on a customer through the gateway, in three subgraphs (a
 * memo, an invoice, a ticket), and waits until the customer's timeline shows
 * it (it is built from the events, within moments): live changes join the
 * demo customer's history (the demo data's own past events) in one feed.
 */
export async function recordActivity(system: TestSystem, tenant: string, customerId: string): Promise<void> {
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const { data, errors } = await system.as(tenant)(query, variables);
    if (!data || errors) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(errors?.[0])}`);
    return data;
  };
  await gql('mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }', { input: { customerId, body: 'Rappeler au sujet de la facture de novembre' } });
  await gql('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
    { input: { customerId, lines: [{ description: 'Visite de technicien', quantity: '1', unitPrice: '95.00' }] } });
  await gql('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }', { input: { customerId, subject: 'Lenteur le soir' } });
  await eventually(async () => {
    const { customer } = await gql('query($id: ID!) { customer(id: $id) { timeline(first: 100) { edges { node { type } } } } }', { id: customerId });
    const types = new Set<string>(customer.timeline.edges.map((edge: { node: { type: string } }) => edge.node.type));
    const missing = RECORDED_ACTIVITY.filter((type) => !types.has(type));
    if (missing.length > 0) throw new Error(`The timeline has no ${missing.join(', ')} yet`);
  });
}
