/**
 * The ops app with one subgraph down: its own system, because the test stops
 * billing, which no other test file may see. The pages render with the app's
 * own ApolloClient against the real gateway.
 */
import { closeDom } from './dom.ts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import { ApolloProvider } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { testTenant } from '@c360/kit/testing';
import { createApolloClient } from '../web/src/app/apollo.ts';
import { Customer360Page } from '../web/src/features/customer360/Customer360Page.tsx';
import { CustomersPage } from '../web/src/features/customers/CustomersPage.tsx';
import { DashboardPage } from '../web/src/features/dashboard/DashboardPage.tsx';
import { startTestSystem, type TestSystem } from './testkit.ts';

configure({ asyncUtilTimeout: 20_000 });

let system: TestSystem;
let tenant: string;
let customerId: string;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
  tenant = testTenant('web');
  const run = async (mutation: string, input: Record<string, unknown>) => {
    const result = await system.as(tenant)(mutation, { input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] as any;
  };
  customerId = (await run('mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }',
    { phone: '+1 450 555 0402', name: 'Résilience Inc.', kind: 'COMPANY' })).customer.id;
  await run('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
    { customerId, lines: [{ description: 'Fibre 500', quantity: '1', unitPrice: '59.99' }] });
  const { location } = await run('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
    { customerId, connectionType: 'FIBRE', address: { number: '7', street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 2V6' } });
  await run('mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { subscription { id } } }',
    { customerId, serviceLocationId: location.id, description: 'Fibre 500', price: '59.99', frequency: 'MONTHLY' });
  await run('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }',
    { customerId, locationId: location.id, subject: 'Facture incomprise' });
  await system.stopProcess('billing');
}, 120_000);
afterAll(async () => {
  await system?.stop();
  await closeDom();
});
afterEach(cleanup);

// jsdom's AbortSignal is not Node's, and Node's fetch refuses it: requests go out without one.
const nodeFetch = globalThis.fetch;

async function renderPage(page: ReactNode) {
  const token = await issueToken({ tenant, subject: `${tenant}-agent`, roles: ['admin'], secret: DEV_JWT_SECRET });
  const client = createApolloClient({
    uri: system.gatewayUrl,
    getToken: () => token,
    fetch: (input, init) => {
      const { signal: _signal, ...rest } = init ?? {};
      return nodeFetch(input, rest);
    },
  });
  return render(<ApolloProvider client={client}>{page}</ApolloProvider>);
}

describe('with billing down', () => {
  it('the 360 page marks the money and what billing adds to locations, and shows the rest', async () => {
    await renderPage(<Customer360Page id={customerId} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Résilience Inc.' })).toBeTruthy();
    const section = (name: string) => within(screen.getByRole('region', { name }));

    expect(section('Money').getByRole('alert').textContent).toMatch(/^Billing is not answering right now/);
    const location = within(section('Locations').getByRole('region', { name: /^7 rue Principale, Granby/ }));
    expect(location.getByRole('alert').textContent).toMatch(/subscriptions cannot be shown/);
    expect(location.getByText('Facture incomprise')).toBeTruthy();
    expect(section('Support').getByText('1 open ticket.')).toBeTruthy();
    expect(section('Contact').queryByRole('alert')).toBeNull();
    expect(section('Notes').getByRole('button', { name: 'Add memo' })).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(2);
  });

  it('the customers list blanks the balance column only', async () => {
    await renderPage(<CustomersPage />);
    const row = within((await screen.findByRole('link', { name: 'Résilience Inc.' })).closest('tr')!);
    expect(row.getAllByText('1')).toHaveLength(2); // its location and its open ticket
    expect(row.getByText('—', { selector: 'td.number' })).toBeTruthy();
    expect(screen.getByText(/Some columns could not be loaded: The billing subgraph is not answering/)).toBeTruthy();
  });

  it("the dashboard keeps the customers' charts and says why the collections are missing", async () => {
    await renderPage(<DashboardPage />);
    expect(await screen.findByRole('figure', { name: 'Customers by status' })).toBeTruthy();
    const collections = within(screen.getByRole('region', { name: 'Collections and sales' }));
    expect((await collections.findByRole('alert')).textContent).toMatch(/billing subgraph is not answering/);
  });
});
