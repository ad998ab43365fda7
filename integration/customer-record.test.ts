import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { eventually, startTestSystem, type TestSystem } from './testkit.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
});
afterAll(() => system?.stop());

/** Runs a query through the gateway that must succeed. */
function as(tenant: string) {
  const gql = system.as(tenant);
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
}

async function customerWithRecords(gql: ReturnType<typeof as>, name: string, phone: string) {
  const created = await gql(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, { input: {
    name, phone, email: `${phone.replace(/\D/g, '')}@example.ca`,
    contacts: [{ name: `${name} (contact)` }],
    addresses: [{ type: 'BILLING', address: { number: '10', street: 'rue Principale', city: 'Granby', postalCode: 'J2G 2V6' } }],
  } });
  const customerId = created.createCustomer.customer.id as string;
  await gql(`mutation($id: ID!) { addNote(input: { customerId: $id, body: "Client fidèle" }) { note { id } } }`, { id: customerId });
  await gql(`mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }`,
    { input: { customerId, lines: [{ description: 'Fibre 500', quantity: '1', unitPrice: '60.00' }] } });
  await gql(`mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }`,
    { input: { customerId, connectionType: 'FIBRE', address: { number: '10', street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 2V6', country: 'CA' } } });
  await gql(`mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }`, { input: { customerId, subject: `Panne chez ${name}` } });
  return customerId;
}

const SECTIONS = `query($id: ID!) { customer(id: $id) {
  name status contacts { name isPrincipal } defaultAddress(type: BILLING) { comparisonKey } notes { totalCount }
  changes(first: 1) { totalCount }
  invoices(first: 10) { totalCount } locations { id address { city } } tickets(first: 10) { totalCount }
} }`;

describe('the customer record across the graph', () => {
  it("serves the customer's own sections beside billing's, service's and support's in one query", async () => {
    const gql = as(testTenant());
    const id = await customerWithRecords(gql, 'Hélène Roy', '+1 450 555 0701');
    const { customer } = await gql(SECTIONS, { id });
    expect(customer).toMatchObject({
      name: 'Hélène Roy', status: 'ACTIVE', contacts: [{ name: 'Hélène Roy (contact)', isPrincipal: true }],
      defaultAddress: { comparisonKey: '10||rue principale|granby|j2g2v6|ca' }, notes: { totalCount: 1 },
      invoices: { totalCount: 1 }, locations: [{ address: { city: 'Granby' } }], tickets: { totalCount: 1 },
    });
    expect(customer.changes.totalCount).toBeGreaterThan(0);
  });

  it("moves the merged customer's invoices, locations and tickets to the survivor (customer.merged)", async () => {
    const gql = as(testTenant());
    const survivorId = await customerWithRecords(gql, 'Marc Gagné', '+1 450 555 0702');
    const mergedId = await customerWithRecords(gql, 'M. Gagné', '+1 450 555 0703');
    const merge = await gql(`mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) {
      preview { moves { kind count } } merged { status mergedInto { id } } } }`, { input: { survivorId, mergedId } });
    expect(merge.mergeCustomers.merged).toEqual({ status: 'INACTIVE', mergedInto: { id: survivorId } });
    await eventually(async () => {
      const { customer } = await gql(SECTIONS, { id: survivorId });
      expect(customer).toMatchObject({ contacts: [{}, {}], notes: { totalCount: 2 }, invoices: { totalCount: 2 }, tickets: { totalCount: 2 } });
      expect(customer.locations).toHaveLength(2);
    });
    const { customer: merged } = await gql(SECTIONS, { id: mergedId });
    expect(merged).toMatchObject({ contacts: [], invoices: { totalCount: 0 }, locations: [], tickets: { totalCount: 0 } });
  });

  it('keeps one tenant from merging, suspending or reading records of another', async () => {
    const [a, b] = [as(testTenant('a')), system.as(testTenant('b'))];
    const id = await customerWithRecords(a, 'Chez A', '+1 450 555 0704');
    const suspend = await b(`mutation($id: ID!) { suspendCustomer(input: { customerId: $id, reason: NON_PAYMENT }) { customer { id } } }`, { id });
    expect(suspend.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const read = await b(SECTIONS, { id });
    expect(read.data?.customer).toBeNull();
  });
});
