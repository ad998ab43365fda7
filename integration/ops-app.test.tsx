/**
 * The ops app's operations and pages against the real system: the gateway and
 * four subgraph processes on this run's database. Nothing of ours is mocked;
 * the pages render with a real ApolloClient pointed at the gateway.
 */
import { closeDom } from './dom.ts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApolloProvider } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { testTenant } from '@c360/kit/testing';
import { createApolloClient } from '../web/src/app/apollo.ts';
import { paths } from '../web/src/app/routes.ts';
import { CustomerFormPage } from '../web/src/features/customer-form/CustomerFormPage.tsx';
import { Customer360Page } from '../web/src/features/customer360/Customer360Page.tsx';
import { CUSTOMER_360_QUERY, PAGE_SIZE } from '../web/src/features/customer360/operations.ts';
import { CustomersPage } from '../web/src/features/customers/CustomersPage.tsx';
import { startTestSystem, type TestSystem } from './testkit.ts';

// Pages wait for the real system, which a busy machine can make slow: wait as long as a test may take.
configure({ asyncUtilTimeout: 20_000 });

let system: TestSystem;
/** Read by the 360 and list tests (which change nothing): built once, it is the slow part. */
let rich: { tenant: string; id: string; serial: string };
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
  const tenant = testTenant('web');
  rich = { tenant, ...(await customerWithHistory(tenant, '+1 819 555 0401')) };
  await upsertCustomer(tenant, { phone: '+1 819 555 0499', name: 'Julie Côté' });
});
afterAll(async () => {
  await system?.stop();
  await closeDom();
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// jsdom's AbortSignal is not Node's, and Node's fetch refuses it: requests go out without one.
const nodeFetch = globalThis.fetch;

/** The app's own ApolloClient for a tenant, counting the GraphQL requests it sends. */
async function appClient(tenant: string) {
  const token = await issueToken({ tenant, subject: `${tenant}-agent`, roles: ['admin'], secret: DEV_JWT_SECRET });
  const requests: string[] = [];
  const client = createApolloClient({
    uri: system.gatewayUrl,
    getToken: () => token,
    fetch: (input, init) => {
      const { signal: _signal, ...rest } = init ?? {};
      requests.push(String(JSON.parse(String(rest.body)).operationName));
      return nodeFetch(input, rest);
    },
  });
  const renderWith = (page: ReactNode) => render(<ApolloProvider client={client}>{page}</ApolloProvider>);
  return { client, requests, renderWith };
}

/** Runs one mutation with its `input` as the tenant; returns the mutation's payload. */
async function mutate<T = any>(tenant: string, mutation: string, input: Record<string, unknown>): Promise<T> {
  const result = await system.as(tenant)(mutation, { input });
  expect(result.errors).toBeUndefined();
  return Object.values(result.data ?? {})[0] as T;
}

async function upsertCustomer(tenant: string, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const { customer } = await mutate(tenant, `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id version } } }`, input);
  return customer;
}

/** A customer with more invoices than one page, a payment, a location with a device, and a ticket about it. */
async function customerWithHistory(tenant: string, phone: string) {
  const run = <T = any>(mutation: string, input: Record<string, unknown>) => mutate<T>(tenant, mutation, input);
  const customer = await upsertCustomer(tenant, { phone, name: 'Maxime Tremblay', kind: 'INDIVIDUAL', email: 'maxime@example.ca' });
  for (let month = 1; month <= PAGE_SIZE + 2; month += 1) {
    await run(`mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }`,
      { customerId: customer.id, lines: [{ description: `Fibre 500, month ${month}`, quantity: '1', unitPrice: '59.99' }] });
  }
  await run(`mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }`,
    { customerId: customer.id, amount: '100.00', method: 'CHEQUE', reference: 'CHQ-881' });
  const { location } = await run(`mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }`,
    { customerId: customer.id, connectionType: 'FIBRE', address: { number: '48', street: 'rue des Érables', city: 'Sherbrooke', region: 'QC', postalCode: 'J1H 4Z2' } });
  const serial = `ZTEG${phone.replace(/\D/g, '')}`;
  await run(`mutation($input: AddEquipmentInput!) { addEquipment(input: $input) { equipment { id } } }`,
    { locationId: location.id, kind: 'ONT', model: 'ZTE F601', serial });
  await run(`mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }`,
    { customerId: customer.id, locationId: location.id, subject: 'Lien optique instable' });
  return { id: customer.id as string, serial };
}

describe('the customer 360 page', () => {
  it("its query returns every section for a customer built through the graph's mutations", async () => {
    const { tenant, id, serial } = rich;
    const { client } = await appClient(tenant);
    const { data, error } = await client.query({ query: CUSTOMER_360_QUERY, variables: { id, pageSize: PAGE_SIZE }, errorPolicy: 'all' });
    expect(error).toBeUndefined();
    // 12 invoices of 68.97 (59.99 + GST 3.00 + QST 5.98) less a payment of 100.00.
    expect(data?.customer).toMatchObject({
      id, name: 'Maxime Tremblay', status: 'ACTIVE', phone: '+18195550401', phoneAsTyped: '+1 819 555 0401', email: 'maxime@example.ca',
      balance: { amount: '727.64', currency: 'CAD' },
      invoices: { totalCount: PAGE_SIZE + 2, pageInfo: { hasNextPage: true } },
      payments: { totalCount: 1, edges: [{ node: { method: 'CHEQUE', reference: 'CHQ-881', amount: { amount: '100.00' } } }] },
      locations: [{
        connectionType: 'FIBRE', address: { street: 'rue des Érables', city: 'Sherbrooke', postalCode: 'J1H 4Z2' },
        equipment: [{ kind: 'ONT', serial, status: 'INSTALLED' }],
        tickets: { totalCount: 1, edges: [{ node: { subject: 'Lien optique instable', status: 'OPEN' } }] },
      }],
      openTicketCount: 1,
      tickets: { totalCount: 1 },
    });
    expect(data?.customer?.invoices?.edges).toHaveLength(PAGE_SIZE);
  });

  it('shows every section from one GraphQL request, and a list grows in place', async () => {
    const { tenant, id, serial } = rich;
    const { requests, renderWith } = await appClient(tenant);
    renderWith(<Customer360Page id={id} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Maxime Tremblay' })).toBeTruthy();
    const section = (name: string) => within(screen.getByRole('region', { name }));
    expect(section('Contact').getByText('maxime@example.ca')).toBeTruthy();
    expect(section('Money').getAllByText(/727\.64/).length).toBeGreaterThan(0);
    expect(section('Money').getByText(`Showing ${PAGE_SIZE} of ${PAGE_SIZE + 2} invoices`)).toBeTruthy();
    expect(section('Money').getByText('CHQ-881')).toBeTruthy();
    expect(section('Locations').getByText('48 rue des Érables')).toBeTruthy();
    expect(section('Locations').getByText(serial)).toBeTruthy();
    expect(section('Locations').getByText('Lien optique instable')).toBeTruthy();
    expect(section('Support').getByText('1 open ticket.')).toBeTruthy();
    expect(requests).toEqual(['Customer360']);

    fireEvent.click(section('Money').getByRole('button', { name: 'Show more invoices' }));
    expect(await section('Money').findByText(`Showing ${PAGE_SIZE + 2} of ${PAGE_SIZE + 2} invoices`)).toBeTruthy();
    expect(section('Money').queryByRole('button', { name: 'Show more invoices' })).toBeNull();
    expect(requests).toEqual(['Customer360', 'CustomerInvoicesPage']);
  });
});

describe('the customers list', () => {
  it('finds a customer as you type, with balance, locations and open tickets from one request', async () => {
    const { requests, renderWith } = await appClient(rich.tenant);
    renderWith(<CustomersPage />);
    expect(await screen.findByRole('link', { name: 'Julie Côté' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Search customers'), { target: { value: 'tremb' } });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Julie Côté' })).toBeNull());
    const row = within(screen.getByRole('link', { name: 'Maxime Tremblay' }).closest('tr')!);
    expect(row.getByText(/727\.64/)).toBeTruthy();
    expect(row.getAllByText('1')).toHaveLength(2); // one location, one open ticket
    expect(window.location.search).toBe('?q=tremb');
    // The first page, then one request for the typed text (not one per key).
    expect(requests).toEqual(['Customers', 'Customers']);
  });
});

describe('the customer form', () => {
  const fill = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

  it('puts a server error on the field it names', async () => {
    const { renderWith } = await appClient(testTenant('web'));
    renderWith(<CustomerFormPage />);
    fill(/Phone/, '12');
    fill(/Full name/, 'Léa Gagnon');
    fireEvent.submit(screen.getByRole('button', { name: 'Create customer' }));
    await waitFor(() => expect(screen.getByLabelText(/Phone/).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('"12" is not a valid phone number')).toBeTruthy();
  });

  it('lands on the existing customer when the phone is taken, and says so', async () => {
    const tenant = testTenant('web');
    const { id } = await upsertCustomer(tenant, { phone: '+1 819 555 0404', name: 'Nathalie Roy' });
    const { renderWith } = await appClient(tenant);
    renderWith(<CustomerFormPage />);
    fill(/Phone/, '819-555-0404');
    // Before saving, the form names who has that number.
    expect(await screen.findByRole('link', { name: 'Nathalie Roy' })).toBeTruthy();
    fill(/Full name/, 'Nathalie Roy');
    fireEvent.submit(screen.getByRole('button', { name: 'Create customer' }));
    await waitFor(() => expect(window.location.pathname).toBe(paths.customer(id)));
    expect(window.history.state).toEqual({ notice: expect.stringMatching(/already existed/) });
  });

  it('explains a stale version and reloads the other version on request', async () => {
    const tenant = testTenant('web');
    const { id } = await upsertCustomer(tenant, { phone: '+1 819 555 0405', name: 'Maxime Tremblay' });
    const { renderWith } = await appClient(tenant);
    renderWith(<CustomerFormPage id={id} />);
    await screen.findByRole('heading', { name: 'Edit Maxime Tremblay' });

    // Someone else saves the customer while the form is open.
    await upsertCustomer(tenant, { phone: '+1 819 555 0405', name: 'Maxime Tremblay-Roy' });

    fill(/E-mail/, 'maxime.t@example.ca');
    fireEvent.submit(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Someone else changed this customer/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reload their version' }));
    expect(await screen.findByRole('heading', { name: 'Edit Maxime Tremblay-Roy' })).toBeTruthy();
    expect((screen.getByLabelText(/Full name/) as HTMLInputElement).value).toBe('Maxime Tremblay-Roy');
  });
});
