import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { startTestSystem, type TestSystem } from './testkit.ts';

/** Its own system: the test stops a subgraph, which no other test file may see. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
});
afterAll(() => system?.stop());

describe('one subgraph down', () => {
  it("still answers the customer 360 with every other section, and names the subgraph that failed", async () => {
    const tenant = testTenant();
    const gql = system.as(tenant);
    const created = await gql('mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }',
      { input: { phone: '+1 450 555 0401', name: 'Résilience Inc.', kind: 'COMPANY' } });
    const id = created.data?.upsertCustomer.customer.id as string;
    await gql('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }',
      { input: { customerId: id, subject: 'Facture incomprise' } });

    await system.stopProcess('billing');
    const result = await gql(`query($id: ID!) {
      customer(id: $id) {
        name
        balance { amount }
        invoices(first: 5) { totalCount }
        locations { id }
        openTicketCount
        tickets(first: 5) { edges { node { subject } } }
      }
    }`, { id });

    expect(result.data?.customer).toMatchObject({
      name: 'Résilience Inc.',
      balance: null,
      invoices: null,
      locations: [],
      openTicketCount: 1,
      tickets: { edges: [{ node: { subject: 'Facture incomprise' } }] },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'The billing subgraph is not answering', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'billing' } }),
    ]);
  });
});
