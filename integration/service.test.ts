import http from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { composeSupergraph } from '../schema/compose.ts';
import { eventually, startTestSystem, type TestSystem } from './testkit.ts';

/** A GenieACS that takes every request and never answers: the worst case for a 360 query. */
let acsRequests = 0;
const hangingAcs = http.createServer(() => {
  acsRequests += 1;
});
let system: TestSystem;

beforeAll(async () => {
  await new Promise<void>((resolve) => hangingAcs.listen(0, '127.0.0.1', resolve));
  // The gateway plans over the subgraphs' SDL as it is now (which the committed supergraph follows once recomposed).
  const supergraphPath = join(await mkdtemp(join(tmpdir(), 'c360-supergraph-')), 'supergraph.graphql');
  await writeFile(supergraphPath, composeSupergraph());
  system = await startTestSystem(inject('adminUrl'), {
    ACS_URL: `http://127.0.0.1:${(hangingAcs.address() as { port: number }).port}`,
    ACS_TIMEOUT_MS: '500',
    SUPERGRAPH_PATH: supergraphPath,
  });
});
afterAll(async () => {
  await system?.stop();
  hangingAcs.closeAllConnections();
  await new Promise((resolve) => hangingAcs.close(resolve));
});

const CUSTOMER_360 = `query($id: ID!) {
  customer(id: $id) {
    name phone
    balance { amount }
    invoices(first: 5) { totalCount }
    tickets(first: 5) { totalCount edges { node { subject } } }
    locations {
      connectionType address { city }
      equipment { kind serial liveStatus { online opticalRxPowerDbm } }
      voipLines { did e911 { syncStatus address { city } } }
    }
  }
}`;

describe('the 360 query with the ACS down', () => {
  it('returns everything else, with Equipment.liveStatus null and an ACS_UNAVAILABLE error at its path', async () => {
    const tenant = testTenant();
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const result = await system.as(tenant)(query, variables);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const customerId = (await gql('mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }',
      { input: { phone: '+1 450 555 0177', name: 'Martine Gagnon' } })).upsertCustomer.customer.id;
    await gql('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
      { input: { customerId, lines: [{ description: 'Fibre 500', quantity: '1', unitPrice: '75.00' }] } });
    const locationId = (await gql('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
      { input: { customerId, connectionType: 'FIBRE', address: { number: '77', street: 'rue Girouard', city: 'Saint-Hyacinthe', postalCode: 'J2S 2Y4' } } }))
      .createServiceLocation.location.id;
    await gql('mutation($input: AddEquipmentInput!) { addEquipment(input: $input) { equipment { id } } }',
      { input: { locationId, kind: 'ONT', model: 'Huawei HG8245H', serial: `HWTC${tenant.slice(-8).toUpperCase()}` } });
    await gql('mutation($input: CreateVoipLineInput!) { createVoipLine(input: $input) { line { id } } }', { input: { locationId, did: '450 555 0177' } });
    await gql('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }', { input: { customerId, locationId, subject: 'Internet lent' } });

    const before = acsRequests;
    const result = await system.as(tenant)(CUSTOMER_360, { id: customerId });
    expect(result.data?.customer).toMatchObject({
      name: 'Martine Gagnon',
      phone: '+14505550177',
      balance: { amount: expect.any(String) },
      invoices: { totalCount: 1 },
      tickets: { totalCount: 1, edges: [{ node: { subject: 'Internet lent' } }] },
      locations: [{
        connectionType: 'FIBRE',
        address: { city: 'Saint-Hyacinthe' },
        equipment: [{ kind: 'ONT', serial: `HWTC${tenant.slice(-8).toUpperCase()}`, liveStatus: null }],
        // No 911 provider is configured in this system: the registration waits, PENDING.
        voipLines: [{ did: '+14505550177', e911: { syncStatus: 'PENDING', address: { city: 'Saint-Hyacinthe' } } }],
      }],
    });
    expect(result.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining('did not answer within 500 ms'),
      path: ['customer', 'locations', 0, 'equipment', 0, 'liveStatus'],
      extensions: expect.objectContaining({ code: 'ACS_UNAVAILABLE' }),
    })]);
    expect(acsRequests - before).toBe(1);
  });
});

describe('suspension at the network', () => {
  it('suspends the locations of a suspended customer and records the port action, then reactivates them (customers → bus → service)', async () => {
    const tenant = testTenant();
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const result = await system.as(tenant)(query, variables);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const customerId = (await gql('mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }',
      { input: { phone: '+1 450 555 0178', name: 'Luc Bergeron' } })).upsertCustomer.customer.id;
    const locationId = (await gql('mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }',
      { input: { customerId, connectionType: 'FIBRE', address: { number: '12', street: 'rue Cartier', city: 'Granby', postalCode: 'J2G 3A1' } } }))
      .createServiceLocation.location.id;
    await gql('mutation($input: InstallServiceLocationInput!) { installServiceLocation(input: $input) { location { status } } }', { input: { locationId, version: 1 } });
    await gql('mutation($input: SetNetworkAttachmentInput!) { setNetworkAttachment(input: $input) { location { id } } }',
      { input: { locationId, version: 2, oltName: `OLT-${tenant.slice(-6).toUpperCase()}`, oltPort: '0/1/1', ontId: 3 } });

    const LOCATION = `query($id: ID!) { customer(id: $id) { locations { status networkActions { edges { node { action cause outcome } } } } } }`;
    await gql('mutation($input: SuspendCustomerInput!) { suspendCustomer(input: $input) { customer { id } } }', { input: { customerId, reason: 'NON_PAYMENT' } });
    await eventually(async () => {
      expect((await gql(LOCATION, { id: customerId })).customer.locations).toEqual([{
        status: 'SUSPENDED',
        // No network controller in this system: the action is recorded for a person to do.
        networkActions: { edges: [{ node: { action: 'DISABLE_PORT', cause: 'customer.suspended', outcome: 'NOT_CONFIGURED' } }] },
      }]);
    });
    await gql('mutation($input: CustomerStatusInput!) { reactivateCustomer(input: $input) { customer { id } } }', { input: { customerId } });
    await eventually(async () => {
      const [location] = (await gql(LOCATION, { id: customerId })).customer.locations;
      expect(location.status).toBe('ACTIVE');
      expect(location.networkActions.edges.map((edge: any) => edge.node.action)).toEqual(['ENABLE_PORT', 'DISABLE_PORT']);
    });
  });
});
