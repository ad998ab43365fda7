import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testCaller, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { newId, type DemoTenant } from '@c360/kit';
import { billingSubgraph } from '../src/subgraph.ts';

const INVOICE_FIELDS = `id number status issuedAt dueDate customer { id }
  lines { description quantity unitPrice { amount currency } amount { amount currency } }
  taxes { code name rate amount { amount currency } }
  subtotal { amount currency } taxTotal { amount } total { amount currency } paidAmount { amount } outstanding { amount }`;
const CREATE = `mutation Create($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ${INVOICE_FIELDS} } } }`;
const PAY = `mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { payment {
  id amount { amount currency } method reference receivedAt customer { id } unallocated { amount }
  allocations { amount { amount } invoice { id number status paidAmount { amount } outstanding { amount } } }
} } }`;
const ACCOUNTS = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on Customer {
  id balance { amount currency }
  invoices(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id number status total { amount } } } }
  payments { totalCount edges { node { id amount { amount } unallocated { amount } } } }
} } }`;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(billingSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

const line = (description: string, quantity: string, unitPrice: string) => ({ description, quantity, unitPrice });

async function createInvoice(tenant: string, input: Record<string, unknown>) {
  return subgraph.query(testCaller(tenant), CREATE, { input });
}

/** Creates an invoice that must succeed and returns it. */
async function invoiceOf(tenant: string, customerId: string, lines = [line('Widget', '2', '19.99')]) {
  const result = await createInvoice(tenant, { customerId, lines });
  expect(result.errors).toBeUndefined();
  return result.data?.createInvoice.invoice;
}

async function pay(tenant: string, input: Record<string, unknown>) {
  return subgraph.query(testCaller(tenant), PAY, { input });
}

async function accounts(tenant: string, customerIds: string[], page: { first?: number; after?: string | null } = {}) {
  const reps = customerIds.map((id) => ({ __typename: 'Customer', id }));
  return subgraph.query(testCaller(tenant), ACCOUNTS, { reps, ...page });
}

/** SQL statements the subgraph ran while serving GraphQL requests, from its metrics endpoint. */
async function statementsInRequests(): Promise<number> {
  const text = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/c360_sql_statements_in_requests_total (\d+)/.exec(text)?.[1]);
}

const sql = <T>(query: string, params: unknown[]) => subgraph.orm.em.fork().execute<T[]>(query, params);

async function outbox(subject: string) {
  return sql<{ type: string; envelope: any }>('SELECT type, envelope FROM billing.outbox WHERE subject = ? ORDER BY seq', [subject]);
}

/** Invoices of the tenant whose stored totals differ from what their lines, taxes and allocations add up to. */
async function inconsistentInvoices(tenant: string) {
  return sql<{ number: string }>(
    `SELECT i.number FROM billing.invoice i
     WHERE i.tenant_id = ? AND (
       i.subtotal <> (SELECT sum(l.amount) FROM billing.invoice_line l WHERE l.invoice_id = i.id)
       OR i.tax_total <> (SELECT coalesce(sum(t.amount), 0) FROM billing.invoice_tax t WHERE t.invoice_id = i.id)
       OR i.total <> i.subtotal + i.tax_total
       OR i.paid_amount <> (SELECT coalesce(sum(a.amount), 0) FROM billing.payment_allocation a WHERE a.invoice_id = i.id))`,
    [tenant],
  );
}

async function storedRows(tenant: string) {
  const [row] = await sql<{ invoices: number; lines: number; taxes: number; payments: number; allocations: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM billing.invoice WHERE tenant_id = ?) AS invoices,
            (SELECT count(*)::int FROM billing.invoice_line WHERE tenant_id = ?) AS lines,
            (SELECT count(*)::int FROM billing.invoice_tax WHERE tenant_id = ?) AS taxes,
            (SELECT count(*)::int FROM billing.payment WHERE tenant_id = ?) AS payments,
            (SELECT count(*)::int FROM billing.payment_allocation WHERE tenant_id = ?) AS allocations,
            (SELECT count(*)::int FROM billing.outbox WHERE tenant_id = ?) AS events`,
    Array(6).fill(tenant),
  );
  return row;
}

describe('createInvoice', () => {
  it('derives the totals from the lines with Quebec taxes, rounded half-up per tax', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const invoice = await invoiceOf(tenant, customerId, [line('Widget', '2', '19.99')]);
    expect(invoice).toMatchObject({
      number: 'INV-000001',
      status: 'ISSUED',
      customer: { id: customerId },
      lines: [{ description: 'Widget', quantity: '2', unitPrice: { amount: '19.99', currency: 'CAD' }, amount: { amount: '39.98', currency: 'CAD' } }],
      taxes: [
        { code: 'GST', rate: '0.05', amount: { amount: '2.00', currency: 'CAD' } },
        { code: 'QST', rate: '0.09975', amount: { amount: '3.99', currency: 'CAD' } },
      ],
      subtotal: { amount: '39.98', currency: 'CAD' },
      taxTotal: { amount: '5.99' },
      total: { amount: '45.97', currency: 'CAD' },
      paidAmount: { amount: '0.00' },
      outstanding: { amount: '45.97' },
    });
    // Net 30 by default.
    expect(Date.parse(invoice.dueDate) - Date.parse(invoice.issuedAt.slice(0, 10))).toBe(30 * 86_400_000);
    expect(await inconsistentInvoices(tenant)).toEqual([]);
  });

  it('rounds each line to the cent, accepts discount lines, and keeps stored totals equal to the lines', async () => {
    const tenant = testTenant();
    const invoice = await invoiceOf(tenant, newId(), [
      line('Internet Fibre 500', '1', '74.95'),
      line('Minutes interurbaines', '37.5', '0.05'),
      line('Rabais fidélité', '1', '-10'),
    ]);
    expect(invoice.lines.map((l: any) => [l.quantity, l.unitPrice.amount, l.amount.amount])).toEqual([['1', '74.95', '74.95'], ['37.5', '0.05', '1.88'], ['1', '-10.00', '-10.00']]);
    // 66.83 × 5 % = 3.3415 → 3.34; 66.83 × 9.975 % = 6.6662925 → 6.67.
    expect([invoice.subtotal.amount, ...invoice.taxes.map((t: any) => t.amount.amount), invoice.total.amount]).toEqual(['66.83', '3.34', '6.67', '76.84']);
    expect(await inconsistentInvoices(tenant)).toEqual([]);
  });

  it('uses the tenant\'s own tax profile', async () => {
    const tenant = testTenant('fr');
    await sql(`INSERT INTO billing.tax_profile (tenant_id, currency, taxes) VALUES (?, 'EUR', ?::jsonb)`,
      [tenant, JSON.stringify([{ code: 'TVA', name: 'TVA 20 %', rate: '0.20' }])]);
    const invoice = await invoiceOf(tenant, newId(), [line('Fibre', '3', '33.33')]);
    expect(invoice).toMatchObject({
      taxes: [{ code: 'TVA', rate: '0.2', amount: { amount: '20.00', currency: 'EUR' } }],
      subtotal: { amount: '99.99', currency: 'EUR' },
      total: { amount: '119.99', currency: 'EUR' },
    });
    const profile = await subgraph.query(testCaller(tenant), '{ taxProfile { currency taxes { code rate } } }');
    expect(profile.data?.taxProfile).toEqual({ currency: 'EUR', taxes: [{ code: 'TVA', rate: '0.2' }] });
  });

  it.each([
    [{ lines: [line('Fibre', '1', '74.95'), line('Modem', '1', '1.999')] }, 'input.lines[1].unitPrice'],
    [{ lines: [line('Fibre', '1', 'abc')] }, 'input.lines[0].unitPrice'],
    [{ lines: [line('Fibre', '0', '74.95')] }, 'input.lines[0].quantity'],
    [{ lines: [line('Fibre', '-1', '74.95')] }, 'input.lines[0].quantity'],
    [{ lines: [line('Fibre', '1.0005', '74.95')] }, 'input.lines[0].quantity'],
    [{ lines: [line('   ', '1', '74.95')] }, 'input.lines[0].description'],
    [{ lines: [] }, 'input.lines'],
    [{ lines: [line('Fibre', '1', '10'), line('Rabais', '1', '-20')] }, 'input.lines'],
    [{ customerId: 'not-an-id', lines: [line('Fibre', '1', '74.95')] }, 'input.customerId'],
    [{ dueDate: '2020-01-01', lines: [line('Fibre', '1', '74.95')] }, 'input.dueDate'],
  ])('refuses %j naming %s, and stores nothing', async (input, field) => {
    const tenant = testTenant();
    const customerId = newId();
    const result = await createInvoice(tenant, { customerId, ...input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.data).toBeNull();
    expect(await storedRows(tenant)).toEqual({ invoices: 0, lines: 0, taxes: 0, payments: 0, allocations: 0, events: 0 });
    // The refused call did not take a number either.
    expect((await invoiceOf(tenant, customerId)).number).toBe('INV-000001');
  });

  it('hands out distinct consecutive numbers to 15 concurrent invoices', async () => {
    const tenant = testTenant();
    const results = await Promise.all(Array.from({ length: 15 }, () => createInvoice(tenant, { customerId: newId(), lines: [line('Fibre', '1', '54.95')] })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const numbers = results.map((result) => result.data?.createInvoice.invoice.number).sort();
    expect(numbers).toEqual(Array.from({ length: 15 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    expect((await invoiceOf(testTenant(), newId())).number).toBe('INV-000001');
  });

  it('records invoice.created in the outbox with the customer, invoice, number and total', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const invoice = await invoiceOf(tenant, customerId);
    const events = await outbox(invoice.id);
    expect(events.map((event) => event.type)).toEqual(['invoice.created']);
    expect(events[0]?.envelope).toMatchObject({
      specversion: '1.0', source: '/c360/billing', subject: invoice.id, tenantid: tenant,
      data: { customerId, invoiceId: invoice.id, number: 'INV-000001', total: '45.97' },
    });
  });
});

describe('recordPayment', () => {
  it('pays the oldest outstanding invoices first, updating their status and the balance', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const first = await invoiceOf(tenant, customerId, [line('Widget', '2', '19.99')]); // 45.97
    const second = await invoiceOf(tenant, customerId, [line('Fibre', '2', '100')]); // 229.95

    const result = await pay(tenant, { customerId, amount: '100', method: 'CARD', reference: ' ch_123 ' });
    expect(result.errors).toBeUndefined();
    const payment = result.data?.recordPayment.payment;
    expect(payment).toMatchObject({ amount: { amount: '100.00', currency: 'CAD' }, method: 'CARD', reference: 'ch_123', customer: { id: customerId }, unallocated: { amount: '0.00' } });
    expect(payment.allocations).toEqual([
      { amount: { amount: '45.97' }, invoice: { id: first.id, number: 'INV-000001', status: 'PAID', paidAmount: { amount: '45.97' }, outstanding: { amount: '0.00' } } },
      { amount: { amount: '54.03' }, invoice: { id: second.id, number: 'INV-000002', status: 'PARTIALLY_PAID', paidAmount: { amount: '54.03' }, outstanding: { amount: '175.92' } } },
    ]);
    expect((await accounts(tenant, [customerId])).data?._entities[0].balance).toEqual({ amount: '175.92', currency: 'CAD' });

    // Overpaying the named invoice leaves the rest as credit: the balance goes negative.
    const rest = await pay(tenant, { customerId, amount: '200.00', method: 'CHEQUE', invoiceIds: [second.id] });
    expect(rest.data?.recordPayment.payment).toMatchObject({
      unallocated: { amount: '24.08' },
      allocations: [{ amount: { amount: '175.92' }, invoice: { status: 'PAID', outstanding: { amount: '0.00' } } }],
    });
    expect((await accounts(tenant, [customerId])).data?._entities[0].balance.amount).toBe('-24.08');

    const events = await outbox(payment.id);
    expect(events.map((event) => event.type)).toEqual(['payment.received']);
    expect(events[0]?.envelope).toMatchObject({ tenantid: tenant, data: { customerId, paymentId: payment.id, amount: '100.00' } });
    expect(await inconsistentInvoices(tenant)).toEqual([]);
  });

  it.each([
    [{ amount: '0' }, 'input.amount'],
    [{ amount: '1.234' }, 'input.amount'],
    [{ amount: '-5' }, 'input.amount'],
    [{ invoiceIds: [] }, 'input.invoiceIds'],
    [{ invoiceIds: ['not-an-id'] }, 'input.invoiceIds[0]'],
    [{ invoiceIds: ['00000000-0000-7000-8000-000000000000'] }, 'input.invoiceIds[0]'],
  ])('refuses %j naming %s, and stores nothing', async (input, field) => {
    const tenant = testTenant();
    const customerId = newId();
    await invoiceOf(tenant, customerId);
    const before = await storedRows(tenant);
    const result = await pay(tenant, { customerId, amount: '10', method: 'CASH', ...input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await storedRows(tenant)).toEqual(before);
  });

  it('refuses to pay another customer\'s invoice', async () => {
    const tenant = testTenant();
    const invoice = await invoiceOf(tenant, newId());
    const result = await pay(tenant, { customerId: newId(), amount: '10', method: 'CASH', invoiceIds: [invoice.id] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.invoiceIds[0]' });
  });

  it('never over-allocates under concurrent payments', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const invoice = await invoiceOf(tenant, customerId); // 45.97
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      pay(tenant, { customerId, amount: '10', method: 'CASH', ...(i % 2 ? { invoiceIds: [invoice.id] } : {}) })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const payments = results.map((result) => result.data?.recordPayment.payment);
    const allocatedCents = payments.flatMap((payment) => payment.allocations).reduce((cents: number, a: any) => cents + Math.round(Number(a.amount.amount) * 100), 0);
    expect(allocatedCents).toBe(4597);
    const current = await subgraph.query(testCaller(tenant), 'query($id: ID!) { invoice(id: $id) { status paidAmount { amount } outstanding { amount } } }', { id: invoice.id });
    expect(current.data?.invoice).toEqual({ status: 'PAID', paidAmount: { amount: '45.97' }, outstanding: { amount: '0.00' } });
    // 80.00 received, 45.97 owed: 34.03 of credit.
    expect((await accounts(tenant, [customerId])).data?._entities[0].balance.amount).toBe('-34.03');
    expect(await inconsistentInvoices(tenant)).toEqual([]);
  });
});

describe('customer accounts', () => {
  it('pages a customer\'s invoices newest first without skipping or repeating', async () => {
    const tenant = testTenant();
    const customerId = newId();
    for (let i = 0; i < 5; i += 1) await invoiceOf(tenant, customerId);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await accounts(tenant, [customerId], { first: 2, after })).data?._entities[0].invoices;
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((edge: any) => edge.node.number));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['INV-000005', 'INV-000004', 'INV-000003', 'INV-000002', 'INV-000001']);
    const tooMany = await accounts(tenant, [customerId], { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('loads invoices, payments and balances of several customers in one _entities call with a constant number of statements', async () => {
    const tenant = testTenant();
    const [alice, bob, carol, nobody] = [newId(), newId(), newId(), newId()];
    for (let i = 0; i < 3; i += 1) await invoiceOf(tenant, alice);
    await invoiceOf(tenant, bob);
    await pay(tenant, { customerId: bob, amount: '45.97', method: 'BANK_TRANSFER' });
    await pay(tenant, { customerId: carol, amount: '12.50', method: 'CASH' });

    const statementsFor = async (customerIds: string[]) => {
      const before = await statementsInRequests();
      const result = await accounts(tenant, customerIds, { first: 2 });
      expect(result.errors).toBeUndefined();
      return { result, statements: (await statementsInRequests()) - before };
    };
    const one = await statementsFor([alice]);
    const many = await statementsFor([alice, bob, carol, nobody, 'not-a-uuid']);
    // Invoice pages, payment pages, and the balances (the tenant's currency comes in the same statement).
    expect(one.statements).toBe(3);
    expect(many.statements).toBe(3);
    expect(many.result.data?._entities.map((customer: any) => [
      customer.balance.amount, customer.invoices.totalCount, customer.invoices.edges.length, customer.invoices.pageInfo.hasNextPage, customer.payments.totalCount,
    ])).toEqual([
      ['137.91', 3, 2, true, 0],
      ['0.00', 1, 1, false, 1],
      ['-12.50', 0, 0, false, 1],
      ['0.00', 0, 0, false, 0],
      ['0.00', 0, 0, false, 0],
    ]);
    expect(many.result.data?._entities[1].invoices.edges[0].node.status).toBe('PAID');

    // Lines, taxes and allocations of all the invoices and payments on the page: one statement each.
    const before = await statementsInRequests();
    const detail = await subgraph.query(testCaller(tenant), `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
      invoices { edges { node { lines { amount { amount } } taxes { amount { amount } } } } }
      payments { edges { node { allocations { invoice { number } } } } } } } }`,
    { reps: [alice, bob, carol].map((id) => ({ __typename: 'Customer', id })) });
    expect(detail.errors).toBeUndefined();
    // Pages (2), lines, taxes, allocations, and the allocated invoices by id.
    expect((await statementsInRequests()) - before).toBe(6);
    expect(detail.data?._entities[0].invoices.edges).toHaveLength(3);
  });

  it('resolves Invoice and Payment references in one statement each', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const invoices = [await invoiceOf(tenant, customerId), await invoiceOf(tenant, customerId)];
    const payment = (await pay(tenant, { customerId, amount: '5', method: 'CARD' })).data?.recordPayment.payment;
    const reps = [
      ...invoices.map((invoice) => ({ __typename: 'Invoice', id: invoice.id })),
      { __typename: 'Invoice', id: 'not-a-uuid' },
      { __typename: 'Payment', id: payment.id },
    ];
    const before = await statementsInRequests();
    const result = await subgraph.query(testCaller(tenant),
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Invoice { number } ... on Payment { amount { amount } } } }', { reps });
    expect((await statementsInRequests()) - before).toBe(2);
    expect(result.data?._entities).toEqual([{ number: 'INV-000001' }, { number: 'INV-000002' }, null, { amount: { amount: '5.00' } }]);
  });

  it('shows nothing of tenant A to tenant B through _entities', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const customerId = newId();
    const invoice = await invoiceOf(a, customerId);
    const payment = (await pay(a, { customerId, amount: '10', method: 'CASH' })).data?.recordPayment.payment;
    const reps = [{ __typename: 'Customer', id: customerId }, { __typename: 'Invoice', id: invoice.id }, { __typename: 'Payment', id: payment.id }];
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Customer { balance { amount } invoices { totalCount } payments { totalCount } }
      ... on Invoice { number }
      ... on Payment { id } } }`;
    const asA = await subgraph.query(testCaller(a), query, { reps });
    const asB = await subgraph.query(testCaller(b), query, { reps });
    expect(asA.data?._entities).toEqual([{ balance: { amount: '35.97' }, invoices: { totalCount: 1 }, payments: { totalCount: 1 } }, { number: 'INV-000001' }, { id: payment.id }]);
    expect(asB.data?._entities).toEqual([{ balance: { amount: '0.00' }, invoices: { totalCount: 0 }, payments: { totalCount: 0 } }, null, null]);
    const direct = await subgraph.query(testCaller(b), 'query($id: ID!) { invoice(id: $id) { id } }', { id: invoice.id });
    expect(direct.data?.invoice).toBeNull();
    // Nor can B pay A's invoice.
    const stolen = await pay(b, { customerId, amount: '10', method: 'CASH', invoiceIds: [invoice.id] });
    expect(stolen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.invoiceIds[0]' });
  });
});

describe('demo data', () => {
  it('seeds consistent invoices and payments twice over and numbers new invoices after them', async () => {
    const tenantId = testTenant('demo');
    const tenant: DemoTenant = {
      id: tenantId,
      name: 'Test Télécom',
      customers: Array.from({ length: 15 }, (_, index) => ({ index, id: newId(), locationIds: [newId()] })),
    };
    const em = subgraph.orm.em.fork();
    await billingSubgraph.seedDemo(em, tenant);
    const seeded = await storedRows(tenantId);
    await billingSubgraph.seedDemo(em, tenant);
    expect(await storedRows(tenantId)).toEqual(seeded);
    expect(seeded!.invoices).toBeGreaterThan(0);
    expect(seeded!.payments).toBeGreaterThan(0);
    expect(await inconsistentInvoices(tenantId)).toEqual([]);
    const [numbers] = await sql<{ n: number; top: string }>('SELECT count(DISTINCT number)::int AS n, max(number) AS top FROM billing.invoice WHERE tenant_id = ?', [tenantId]);
    expect(numbers).toEqual({ n: seeded!.invoices, top: `INV-${String(seeded!.invoices).padStart(6, '0')}` });
    const next = await invoiceOf(tenantId, tenant.customers[0]!.id);
    expect(next.number).toBe(`INV-${String(seeded!.invoices + 1).padStart(6, '0')}`);
  });
});
