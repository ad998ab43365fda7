import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testCaller, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { customersSubgraph } from '@c360/customers';
import { createBillingSubgraph, loadBillingEnv } from '@c360/billing';

/**
 * Billing finds or creates the customer of an invoice made for a phone number
 * through the customers subgraph's GraphQL API (signed as the caller), never
 * its tables. Both subgraphs run for real on this run's database.
 */
const CREATE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { customerCreated invoice { id number customer { id } } } }`;
const BY_PHONE = 'query($phone: String!) { customerByPhone(phone: $phone) { id name phone } }';

let customers: TestSubgraph;
let billing: TestSubgraph;
beforeAll(async () => {
  const adminUrl = inject('adminUrl');
  customers = await startTestSubgraph(customersSubgraph, adminUrl);
  billing = await startTestSubgraph(createBillingSubgraph(loadBillingEnv({ CUSTOMERS_URL: customers.url })), adminUrl);
});
afterAll(async () => {
  await billing?.stop();
  await customers?.stop();
});

const lines = [{ description: 'Fibre', quantity: '1', unitPrice: '54.95' }];
const invoiceFor = (tenant: string, customer: Record<string, unknown>) => billing.query(testCaller(tenant, ['agent']), CREATE, { input: { customer, lines } });
const invoiceCount = async (tenant: string) => (await billing.orm.em.fork().execute<{ n: number }[]>('SELECT count(*)::int AS n FROM billing.invoice WHERE tenant_id = ?', [tenant]))[0]!.n;

describe('an invoice for a phone number', () => {
  it('creates the customer the first time, then finds it whatever the format, without renaming it', async () => {
    const tenant = testTenant();
    const first = await invoiceFor(tenant, { phone: '450-272-2408', name: 'Marie Tremblay' });
    expect(first.errors).toBeUndefined();
    expect(first.data?.createInvoice).toMatchObject({ customerCreated: true, invoice: { number: 'INV-000001' } });
    const customerId = first.data?.createInvoice.invoice.customer.id;
    const found = await customers.query(testCaller(tenant), BY_PHONE, { phone: '+14502722408' });
    expect(found.data?.customerByPhone).toEqual({ id: customerId, name: 'Marie Tremblay', phone: '+14502722408' });

    const second = await invoiceFor(tenant, { phone: '(450) 272-2408', name: 'Someone Else' });
    expect(second.data?.createInvoice).toMatchObject({ customerCreated: false, invoice: { number: 'INV-000002', customer: { id: customerId } } });
    expect((await customers.query(testCaller(tenant), BY_PHONE, { phone: '450 272 2408' })).data?.customerByPhone.name).toBe('Marie Tremblay');
    // The same phone in another tenant is another customer.
    const elsewhere = await invoiceFor(testTenant(), { phone: '450-272-2408', name: 'Marie Tremblay' });
    expect(elsewhere.data?.createInvoice.customerCreated).toBe(true);
    expect(elsewhere.data?.createInvoice.invoice.customer.id).not.toBe(customerId);
  });

  it('makes one customer for concurrent invoices to a new phone', async () => {
    const tenant = testTenant();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => invoiceFor(tenant, { phone: i % 2 ? '514 555 0199' : '+1 (514) 555-0199', name: 'Caller' })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(new Set(results.map((result) => result.data?.createInvoice.invoice.customer.id)).size).toBe(1);
    expect(results.filter((result) => result.data?.createInvoice.customerCreated)).toHaveLength(1);
    expect(results.map((result) => result.data?.createInvoice.invoice.number).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `INV-00000${i + 1}`));
  });

  it.each([
    [{ phone: '819-555-0142' }, 'input.customer.name'],
    [{ phone: '12', name: 'Bad Phone' }, 'input.customer.phone'],
  ])('refuses %j naming %s, and stores nothing', async (customer, field) => {
    const tenant = testTenant();
    const result = await invoiceFor(tenant, customer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await invoiceCount(tenant)).toBe(0);
    expect((await customers.query(testCaller(tenant), '{ customers { totalCount } }')).data?.customers.totalCount).toBe(0);
  });

  it('checks the invoice before asking the customers subgraph anything', async () => {
    const tenant = testTenant();
    const result = await billing.query(testCaller(tenant), CREATE, { input: { customer: { phone: '819-555-0143', name: 'Early' }, lines: [{ description: 'x', quantity: '0', unitPrice: '1' }] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    expect((await customers.query(testCaller(tenant), '{ customers { totalCount } }')).data?.customers.totalCount).toBe(0);
    const both = await billing.query(testCaller(tenant), CREATE, { input: { customerId: '0193a1b2-0000-7000-8000-000000000001', customer: { phone: '819-555-0143' }, lines } });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.customer' });
  });
});
