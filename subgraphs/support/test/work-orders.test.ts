import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { amount, envelope, newId, roundToCents, sum } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { at, supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const FIELDS = `id status billable note startedAt version completedAt customer { id } location { id } ticket { id } dispatchJob { id }
  visits { technician { name } arrivedAt departedAt hours }
  items { productCode description quantity unitPrice { amount currency } amount { amount } }
  labourRate { amount currency } labour { technician { name } hours rate { amount } amount { amount } }
  subtotal { amount currency } taxes { code rate amount { amount } } taxTotal { amount } total { amount currency }`;
const CREATE = `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { workOrder { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { workOrder { ${FIELDS} } } }`;
const COMPLETE = 'mutation($input: WorkOrderVersionInput!) { completeWorkOrder(input: $input) { workOrder { id status version completedAt } } }';
const CANCEL = 'mutation($input: WorkOrderVersionInput!) { cancelWorkOrder(input: $input) { workOrder { id status version } } }';
const PROFILE = '{ workOrderProfile { currency taxes { code rate } labourRate { amount currency } } }';
const SET_LABOUR_RATE = `mutation($input: SetWorkOrderLabourRateInput!) { setWorkOrderLabourRate(input: $input) {
  workOrderProfile { currency taxes { code rate } labourRate { amount currency } } } }`;

/** What billing writes when an admin sets the tenant's tax profile. */
const taxProfileUpdated = (tenant: string, currency: string, taxes: { code: string; name: string; rate: string }[]) =>
  envelope('/c360/billing', tenant, { type: 'tax_profile.updated', subject: tenant, data: { currency, taxes } });

async function setUp() {
  const tenant = testTenant();
  const [customerId, locationId] = [newId(), newId()];
  const alexis = await kit.technician(tenant, 'Alexis Roy');
  const maude = await kit.technician(tenant, 'Maude Bélanger');
  const create = (input: Record<string, unknown>) => kit.as(tenant)(CREATE, { input: { customerId, ...input } });
  return { tenant, customerId, locationId, alexis, maude, create };
}

const ROUTER = { productCode: 'RTR-AX3000', description: 'Routeur Wi-Fi 6', quantity: '1', unitPrice: '129.99' };

describe('createWorkOrder', () => {
  it('derives labour, subtotal, Quebec taxes and total from the visits and items', async () => {
    const { tenant, customerId, locationId, alexis, maude, create } = await setUp();
    const ticket = await kit.ticket(tenant, { customerId, locationId });
    const result = await create({
      ticketId: ticket.id, labourRate: '85', note: 'Remplacé le routeur',
      visits: [{ technicianId: alexis, arrivedAt: at('09:00'), departedAt: at('10:30') }, { technicianId: maude, arrivedAt: at('08:45'), departedAt: at('10:05') }],
      items: [ROUTER, { description: 'Câble Cat6', quantity: '2.5', unitPrice: '3.33' }],
    });
    expect(result.errors).toBeUndefined();
    const workOrder = result.data?.createWorkOrder.workOrder;
    // Labour: 1.5 h and 1 h 20 (1.33 h) at 85.00 = 127.50 + 113.05; items 129.99 + 8.33 (8.325);
    // subtotal 378.87; GST 18.94 (18.9435), QST 37.79 (37.7922825); total 435.60.
    expect(workOrder).toMatchObject({
      status: 'OPEN', billable: true, note: 'Remplacé le routeur', version: 1, completedAt: null, startedAt: at('08:45'),
      customer: { id: customerId }, location: { id: locationId }, ticket: { id: ticket.id }, dispatchJob: null,
      visits: [{ technician: { name: 'Alexis Roy' }, hours: 1.5 }, { technician: { name: 'Maude Bélanger' }, hours: 1.33 }],
      items: [
        { productCode: 'RTR-AX3000', quantity: '1', unitPrice: { amount: '129.99', currency: 'CAD' }, amount: { amount: '129.99' } },
        { productCode: null, description: 'Câble Cat6', quantity: '2.5', amount: { amount: '8.33' } },
      ],
      labourRate: { amount: '85.00', currency: 'CAD' },
      labour: [{ technician: { name: 'Alexis Roy' }, hours: 1.5, amount: { amount: '127.50' } }, { technician: { name: 'Maude Bélanger' }, hours: 1.33, amount: { amount: '113.05' } }],
      subtotal: { amount: '378.87', currency: 'CAD' },
      taxes: [{ code: 'GST', rate: '0.05', amount: { amount: '18.94' } }, { code: 'QST', rate: '0.09975', amount: { amount: '37.79' } }],
      taxTotal: { amount: '56.73' },
      total: { amount: '435.60', currency: 'CAD' },
    });
    const events = await kit.outbox(workOrder.id);
    expect(events.map((event) => event.type)).toEqual(['work_order.created']);
    expect(events[0]?.data).toMatchObject({ customerId, workOrderId: workOrder.id, ticketId: ticket.id, locationId, total: '435.60', currency: 'CAD' });
  });

  it('prices with the tenant\'s profile: billing\'s currency and taxes, support\'s labour rate', async () => {
    const { tenant, alexis, create } = await setUp();
    const profile = async () => (await kit.as(tenant)(PROFILE)).data?.workOrderProfile;
    expect(await profile()).toEqual({ currency: 'CAD', taxes: [{ code: 'GST', rate: '0.05' }, { code: 'QST', rate: '0.09975' }], labourRate: { amount: '0.00', currency: 'CAD' } });
    await kit.publish(taxProfileUpdated(tenant, 'EUR', [{ code: 'TVA', name: 'TVA 20 %', rate: '0.2' }]));
    const set = await kit.as(tenant)(SET_LABOUR_RATE, { input: { labourRate: '60' } });
    expect(set.data?.setWorkOrderLabourRate.workOrderProfile).toEqual({ currency: 'EUR', taxes: [{ code: 'TVA', rate: '0.2' }], labourRate: { amount: '60.00', currency: 'EUR' } });
    const result = await create({ visits: [{ technicianId: alexis, arrivedAt: at('09:00'), departedAt: at('09:45') }], items: [{ description: 'Fibre', quantity: '3', unitPrice: '33.33' }] });
    // 0.75 h × 60 = 45.00; 99.99; subtotal 144.99; TVA 28.998 → 29.00.
    expect(result.data?.createWorkOrder.workOrder).toMatchObject({
      labourRate: { amount: '60.00', currency: 'EUR' }, subtotal: { amount: '144.99', currency: 'EUR' },
      taxes: [{ code: 'TVA', rate: '0.2', amount: { amount: '29.00' } }], total: { amount: '173.99', currency: 'EUR' },
    });

    // A later profile from billing replaces the taxes and keeps the labour rate; a work order keeps the taxes it was created with.
    await kit.publish(taxProfileUpdated(tenant, 'MAD', [{ code: 'TVA', name: 'TVA 7 %', rate: '0.07' }]));
    expect(await profile()).toEqual({ currency: 'MAD', taxes: [{ code: 'TVA', rate: '0.07' }], labourRate: { amount: '60.00', currency: 'MAD' } });
    const workOrder = result.data?.createWorkOrder.workOrder;
    const updated = await kit.as(tenant)(UPDATE, { input: { workOrderId: workOrder.id, version: 1, note: 'Fibre posée' } });
    expect(updated.data?.updateWorkOrder.workOrder).toMatchObject({ taxes: [{ code: 'TVA', rate: '0.2' }], total: { amount: '173.99', currency: 'EUR' } });
    expect((await kit.outbox(tenant)).map((event) => event.type)).toEqual(['work_order_profile.updated', 'work_order_profile.updated', 'work_order_profile.updated']);
  });

  it('ignores a malformed tax profile, and lets only an admin set a well-formed labour rate', async () => {
    const { tenant } = await setUp();
    for (const data of [{ currency: 'euro', taxes: [] }, { currency: 'EUR', taxes: [{ code: 'TVA', name: 'TVA', rate: '20 %' }] }, { currency: 'EUR' }]) {
      await kit.publish(envelope('/c360/billing', tenant, { type: 'tax_profile.updated', subject: tenant, data }));
    }
    expect(await kit.count('work_order_profile', tenant)).toBe(0);
    const agent = await kit.as(tenant, ['agent'])(SET_LABOUR_RATE, { input: { labourRate: '60' } });
    expect(agent.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const malformed = await kit.as(tenant)(SET_LABOUR_RATE, { input: { labourRate: '60,50' } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.labourRate' });
    expect(await kit.count('work_order_profile', tenant)).toBe(0);
    // Another tenant's profile is not this one's.
    await kit.publish(taxProfileUpdated(testTenant(), 'EUR', [{ code: 'TVA', name: 'TVA 20 %', rate: '0.2' }]));
    expect((await kit.as(tenant)(PROFILE)).data?.workOrderProfile.currency).toBe('CAD');
  });

  it.each([
    ['no visit', { visits: [] }, 'BAD_USER_INPUT', 'input.visits'],
    ['three visits', { visits: 'three' }, 'BAD_USER_INPUT', 'input.visits'],
    ['the same technician twice', { visits: 'twice' }, 'BAD_USER_INPUT', 'input.visits[1].technicianId'],
    ['a departure before the arrival', { visits: 'backwards' }, 'BAD_USER_INPUT', 'input.visits[0].departedAt'],
    ['another tenant\'s technician', { visits: 'foreign' }, 'NOT_FOUND', 'input.visits[0].technicianId'],
    ['a quantity of zero', { items: [ROUTER, { ...ROUTER, quantity: '0' }] }, 'BAD_USER_INPUT', 'input.items[1].quantity'],
    ['a price with three decimals', { items: [ROUTER, { ...ROUTER, unitPrice: '1.999' }] }, 'BAD_USER_INPUT', 'input.items[1].unitPrice'],
    ['an empty description', { items: [{ ...ROUTER, description: ' ' }] }, 'BAD_USER_INPUT', 'input.items[0].description'],
    ['a discount larger than the work', { items: [{ ...ROUTER, unitPrice: '-500' }] }, 'BAD_USER_INPUT', 'input.items'],
    ['a malformed labour rate', { labourRate: '85,50' }, 'BAD_USER_INPUT', 'input.labourRate'],
    ['another customer\'s ticket', { ticketId: 'other-customer' }, 'BAD_USER_INPUT', 'input.ticketId'],
    ['another tenant\'s ticket', { ticketId: 'foreign' }, 'NOT_FOUND', 'input.ticketId'],
    ['a malformed customer id', { customerId: 'nope' }, 'BAD_USER_INPUT', 'input.customerId'],
  ])('refuses %s naming the field, and stores nothing', async (_case, override, code, field) => {
    const { tenant, alexis, maude, create } = await setUp();
    const other = testTenant();
    const visit = { technicianId: alexis, arrivedAt: at('09:00'), departedAt: at('10:00') };
    const visits: Record<string, unknown[]> = {
      three: [visit, { ...visit, technicianId: maude }, { ...visit, technicianId: await kit.technician(tenant, 'Third') }],
      twice: [visit, { ...visit }],
      backwards: [{ ...visit, departedAt: at('08:59') }],
      foreign: [{ ...visit, technicianId: await kit.technician(other, 'Elsewhere') }],
    };
    const tickets: Record<string, () => Promise<string>> = {
      'other-customer': async () => (await kit.ticket(tenant, { customerId: newId() })).id,
      foreign: async () => (await kit.ticket(other, { customerId: newId() })).id,
    };
    const input: Record<string, unknown> = { visits: [visit], items: [ROUTER], ...override };
    if (typeof input.visits === 'string') input.visits = visits[input.visits];
    if (typeof input.ticketId === 'string' && tickets[input.ticketId]) input.ticketId = await tickets[input.ticketId]!();
    const result = await create(input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    for (const table of ['work_order', 'work_order_visit', 'work_order_item']) expect(await kit.count(table, tenant)).toBe(0);
    const events = await subgraph.orm.em.fork().execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM support.outbox WHERE tenant_id = ? AND type LIKE 'work_order.%'`, [tenant]);
    expect(events[0]?.n).toBe(0);
  });

  it('reports on a dispatch job: takes its ticket and location, one live work order per job even under concurrency', async () => {
    const { tenant, customerId, locationId, alexis, create } = await setUp();
    const ticket = await kit.ticket(tenant, { customerId, locationId });
    const job = (await kit.as(tenant)('mutation($input: ScheduleDispatchInput!) { scheduleDispatch(input: $input) { dispatchJob { id } } }', {
      input: { ticketId: ticket.id, technicianIds: [alexis], start: at('09:00'), end: at('11:00') } })).data?.scheduleDispatch.dispatchJob;
    const input = { dispatchJobId: job.id, visits: [{ technicianId: alexis, arrivedAt: at('09:10'), departedAt: at('10:40') }] };
    const results = await Promise.all(Array.from({ length: 5 }, () => create(input)));
    const created = results.filter((result) => !result.errors);
    expect(created).toHaveLength(1);
    expect(created[0]?.data?.createWorkOrder.workOrder).toMatchObject({ ticket: { id: ticket.id }, location: { id: locationId }, dispatchJob: { id: job.id } });
    for (const result of results.filter((r) => r.errors)) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.dispatchJobId' });
    // Cancelling the work order lets a new one be written for the job.
    await kit.as(tenant)(CANCEL, { input: { workOrderId: created[0]?.data?.createWorkOrder.workOrder.id, version: 1 } });
    expect((await create(input)).errors).toBeUndefined();
    const foreignCustomer = await kit.as(tenant)(CREATE, { input: { ...input, customerId: newId() } });
    expect(foreignCustomer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dispatchJobId' });
  });
});

describe('updating, completing and cancelling work orders', () => {
  it('derives the money again on update, refuses a stale version, and freezes a completed work order', async () => {
    const { tenant, alexis, maude, create } = await setUp();
    const created = (await create({ labourRate: '90.00', visits: [{ technicianId: alexis, arrivedAt: at('09:00'), departedAt: at('10:00') }] })).data?.createWorkOrder.workOrder;
    expect(created).toMatchObject({ subtotal: { amount: '90.00' }, total: { amount: '103.48' } });
    const update = (input: Record<string, unknown>) => kit.as(tenant)(UPDATE, { input: { workOrderId: created.id, ...input } });
    const updated = (await update({ version: 1, items: [ROUTER], visits: [{ technicianId: maude, arrivedAt: at('08:00'), departedAt: at('08:30') }] })).data?.updateWorkOrder.workOrder;
    // 0.5 h × 90 = 45.00 + 129.99 = 174.99; GST 8.75 (8.7495), QST 17.46 (17.4552525); total 201.20.
    expect(updated).toMatchObject({ version: 2, startedAt: at('08:00'), visits: [{ technician: { name: 'Maude Bélanger' } }], subtotal: { amount: '174.99' }, total: { amount: '201.20' } });
    const noted = (await update({ version: 2, note: 'Client absent à 8 h', billable: false })).data?.updateWorkOrder.workOrder;
    expect(noted).toMatchObject({ version: 3, note: 'Client absent à 8 h', billable: false, items: [{ description: 'Routeur Wi-Fi 6' }], total: { amount: '201.20' } });

    const stale = await update({ version: 2, labourRate: '0' });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const completed = await kit.as(tenant)(COMPLETE, { input: { workOrderId: created.id, version: 3 } });
    expect(completed.data?.completeWorkOrder.workOrder).toMatchObject({ status: 'COMPLETED', version: 4, completedAt: expect.any(String) });
    const frozen = await update({ version: 4, note: 'Trop tard' });
    expect(frozen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.workOrderId' });
    const twice = await kit.as(tenant)(COMPLETE, { input: { workOrderId: created.id, version: 4 } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.workOrderId' });
    expect((await kit.outbox(created.id)).map((event) => event.type)).toEqual(['work_order.created', 'work_order.updated', 'work_order.updated', 'work_order.completed']);
  });

  it('writes work_order.completed with the lines billing invoices, adding up to the work order\'s total', async () => {
    const { tenant, customerId, locationId, alexis, maude, create } = await setUp();
    const created = (await create({
      locationId, labourRate: '95',
      visits: [{ technicianId: alexis, arrivedAt: at('22:40'), departedAt: at('01:10', 1) }, { technicianId: maude, arrivedAt: at('23:00'), departedAt: at('23:20') }],
      items: [ROUTER, { description: 'Remise fidélité', quantity: '1', unitPrice: '-20.00' }],
    })).data?.createWorkOrder.workOrder;
    await kit.as(tenant)(COMPLETE, { input: { workOrderId: created.id, version: 1 } });
    const [, completed] = await kit.outbox(created.id);
    expect(completed?.type).toBe('work_order.completed');
    expect(completed?.data).toMatchObject({
      customerId, workOrderId: created.id, locationId, billable: true, currency: 'CAD', status: 'COMPLETED',
      lines: [
        { description: 'Labour: Alexis Roy, 2026-11-03', quantity: '2.50', unitPrice: '95.00' },
        { description: 'Labour: Maude Bélanger, 2026-11-03', quantity: '0.33', unitPrice: '95.00' },
        { description: 'Routeur Wi-Fi 6', productCode: 'RTR-AX3000', quantity: '1', unitPrice: '129.99' },
        { description: 'Remise fidélité', quantity: '1', unitPrice: '-20.00' },
      ],
      taxes: [{ code: 'GST', amount: expect.any(String) }, { code: 'QST', amount: expect.any(String) }],
      total: created.total.amount,
    });
    // What billing computes from the lines, with invoice rounding, is the work order's total.
    const subtotal = sum(completed!.data.lines.map((line: any) => roundToCents(amount(line.quantity).times(line.unitPrice))));
    const taxes = sum([amount('0.05'), amount('0.09975')].map((rate) => roundToCents(subtotal.times(rate))));
    expect(subtotal.plus(taxes).toFixed(2)).toBe(created.total.amount);
  });

  it('cancels an OPEN work order: it no longer counts as a visit nor for hours', async () => {
    const { tenant, customerId, locationId, alexis, create } = await setUp();
    const created = (await create({ locationId, visits: [{ technicianId: alexis, arrivedAt: at('09:00'), departedAt: at('10:00') }] })).data?.createWorkOrder.workOrder;
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { technicianHours } ... on ServiceLocation { visitCount } } }`;
    const reps = [{ __typename: 'Customer', id: customerId }, { __typename: 'ServiceLocation', id: locationId }];
    expect((await kit.as(tenant)(query, { reps })).data?._entities).toEqual([{ technicianHours: 1 }, { visitCount: 1 }]);
    const stale = await kit.as(tenant)(CANCEL, { input: { workOrderId: created.id, version: 7 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect((await kit.as(tenant)(CANCEL, { input: { workOrderId: created.id, version: 1 } })).data?.cancelWorkOrder.workOrder).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect((await kit.outbox(created.id)).map((event) => [event.type, event.data.status])).toEqual([['work_order.created', 'OPEN'], ['work_order.cancelled', 'CANCELLED']]);
    expect((await kit.as(tenant)(query, { reps })).data?._entities).toEqual([{ technicianHours: 0 }, { visitCount: 0 }]);
  });
});

describe('questions about customers and locations', () => {
  it('computes a technician\'s hours at a customer\'s across midnight and with two technicians, clipped to the period', async () => {
    const { tenant, customerId, alexis, maude, create } = await setUp();
    // Alexis 22:00 → 01:30 (3.5 h) with Maude 23:00 → 00:15 (1.25 h); Alexis again the next evening 18:00 → 19:00.
    await create({ visits: [{ technicianId: alexis, arrivedAt: at('22:00'), departedAt: at('01:30', 1) }, { technicianId: maude, arrivedAt: at('23:00'), departedAt: at('00:15', 1) }] });
    await create({ visits: [{ technicianId: alexis, arrivedAt: at('18:00', 1), departedAt: at('19:00', 1) }] });
    await create({ customerId: newId(), visits: [{ technicianId: alexis, arrivedAt: at('12:00'), departedAt: at('16:00') }] });
    const hours = async (args: Record<string, unknown>) => (await kit.as(tenant)(
      'query($reps: [_Any!]!, $technicianId: ID, $period: PeriodInput) { _entities(representations: $reps) { ... on Customer { technicianHours(technicianId: $technicianId, period: $period) } } }',
      { reps: [{ __typename: 'Customer', id: customerId }], ...args })).data?._entities[0].technicianHours;
    expect(await hours({ technicianId: alexis })).toBe(4.5);
    expect(await hours({ technicianId: maude })).toBe(1.25);
    expect(await hours({})).toBe(5.75);
    const november3 = { from: at('00:00'), to: at('00:00', 1) };
    expect(await hours({ technicianId: alexis, period: november3 })).toBe(2);
    expect(await hours({ period: november3 })).toBe(3);
    expect(await hours({ technicianId: alexis, period: { from: at('00:00', 1) } })).toBe(2.5);
    const malformed = await kit.as(tenant)('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { technicianHours(technicianId: "x") } } }', { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'technicianId' });
  });

  it('counts visits to an address within a period and lists the work done there, newest first', async () => {
    const { tenant, customerId, locationId, alexis, maude, create } = await setUp();
    for (const [day, technicianIds] of [[0, [alexis]], [10, [alexis, maude]], [40, [maude]]] as const) {
      await create({ locationId, visits: technicianIds.map((technicianId) => ({ technicianId, arrivedAt: at('09:00', day), departedAt: at('10:00', day) })) });
    }
    await create({ locationId: newId(), visits: [{ technicianId: alexis, arrivedAt: at('09:00', 5), departedAt: at('10:00', 5) }] });
    const query = `query($reps: [_Any!]!, $period: PeriodInput) { _entities(representations: $reps) { ... on ServiceLocation {
      visitCount(period: $period) workOrders(first: 2) { totalCount pageInfo { hasNextPage } edges { node { startedAt customer { id } } } } } } }`;
    const location = (await kit.as(tenant)(query, { reps: [{ __typename: 'ServiceLocation', id: locationId }] })).data?._entities[0];
    expect(location.visitCount).toBe(3);
    expect(location.workOrders).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(location.workOrders.edges.map((edge: any) => edge.node.startedAt)).toEqual([at('09:00', 40), at('09:00', 10)]);
    const inNovember = (await kit.as(tenant)(query, { reps: [{ __typename: 'ServiceLocation', id: locationId }], period: { from: at('00:00'), to: '2026-12-01T00:00:00.000Z' } })).data?._entities[0];
    expect(inNovember.visitCount).toBe(2);
    const customer = await kit.as(tenant)('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { workOrders { totalCount } } } }', { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(customer.data?._entities[0].workOrders.totalCount).toBe(4);
  });

  it('answers for many customers and locations with one statement per field', async () => {
    const { tenant, alexis, create } = await setUp();
    const customers = Array.from({ length: 12 }, () => newId());
    const locations = Array.from({ length: 12 }, () => newId());
    for (const [n, customerId] of customers.entries()) {
      if (n % 3 === 0) continue;
      await create({ customerId, locationId: locations[n], visits: [{ technicianId: alexis, arrivedAt: at('09:00', n), departedAt: at(`${String(10 + (n % 3)).padStart(2, '0')}:00`, n) }] });
    }
    const reps = [...customers.map((id) => ({ __typename: 'Customer', id })), ...locations.map((id) => ({ __typename: 'ServiceLocation', id }))];
    const before = await kit.statementsInRequests();
    const result = await kit.as(tenant)(`query($reps: [_Any!]!, $technicianId: ID) { _entities(representations: $reps) {
      ... on Customer { technicianHours(technicianId: $technicianId) workOrders(first: 5) { totalCount edges { node { total { amount } } } } }
      ... on ServiceLocation { visitCount workOrders { totalCount } } } }`, { reps, technicianId: alexis });
    // Hours, customers' work orders, visit counts, locations' work orders: one statement each.
    expect(await kit.statementsInRequests() - before).toBe(4);
    const entities = result.data?._entities;
    expect(entities.slice(0, 12).map((customer: any) => customer.technicianHours)).toEqual(customers.map((_, n) => (n % 3 === 0 ? 0 : 1 + (n % 3))));
    expect(entities.slice(12).map((location: any) => location.visitCount)).toEqual(locations.map((_, n) => (n % 3 === 0 ? 0 : 1)));
  });

  it('shows nothing of tenant A to tenant B, including through _entities', async () => {
    const { tenant, customerId, locationId, alexis, create } = await setUp();
    const other = testTenant();
    const created = (await create({ locationId, visits: [{ technicianId: alexis, arrivedAt: at('09:00'), departedAt: at('10:00') }] })).data?.createWorkOrder.workOrder;
    const reps = [{ __typename: 'WorkOrder', id: created.id }, { __typename: 'Customer', id: customerId }, { __typename: 'ServiceLocation', id: locationId }];
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on WorkOrder { id } ... on Customer { technicianHours workOrders { totalCount } } ... on ServiceLocation { visitCount workOrders { totalCount } } } }`;
    expect((await kit.as(tenant)(query, { reps })).data?._entities).toEqual([
      { id: created.id }, { technicianHours: 1, workOrders: { totalCount: 1 } }, { visitCount: 1, workOrders: { totalCount: 1 } }]);
    expect((await kit.as(other)(query, { reps })).data?._entities).toEqual([
      null, { technicianHours: 0, workOrders: { totalCount: 0 } }, { visitCount: 0, workOrders: { totalCount: 0 } }]);
    expect((await kit.as(other)('query($id: ID!) { workOrder(id: $id) { id } }', { id: created.id })).data?.workOrder).toBeNull();
    const complete = await kit.as(other)(COMPLETE, { input: { workOrderId: created.id, version: 1 } });
    expect(complete.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.workOrderId' });
  });
});

