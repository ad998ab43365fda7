import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { newLocation, ok, outbox, startService, statementsFor, type ServiceUnderTest } from './harness.ts';

const ASSIGN = `mutation($input: AssignIpInput!) { assignIp(input: $input) { assignment { id ip family prefixLength assignedAt releasedAt customer { id } location { id } } } }`;
const RELEASE = `mutation($input: ReleaseIpInput!) { releaseIp(input: $input) { assignment { id releasedAt } } }`;
const HOLDER = `query($ip: String!, $time: DateTime!) { ipHolder(ip: $ip, time: $time) { ip customer { id } } }`;
const IP_AT = `query($reps: [_Any!]!, $time: DateTime!) { _entities(representations: $reps) { ... on Customer { id ipAt(time: $time) { ip family } } } }`;

let service: ServiceUnderTest;
beforeAll(async () => {
  service = await startService(inject('adminUrl'));
});
afterAll(() => service?.stop());

const at = (iso: string, deltaMs = 0) => new Date(new Date(iso).getTime() + deltaMs).toISOString();
const place = (n: number) => ({ number: String(n), street: 'rue Principale', city: 'Granby', postalCode: 'J2G 2V6' });

async function customerWithLocation(tenant: string) {
  const customerId = randomUUID();
  return { customerId, locationId: await newLocation(service, tenant, place(Math.floor(Math.random() * 9000) + 1), customerId) };
}

async function assign(tenant: string, locationId: string, ip: string, assignedAt: string) {
  return ok(await service.gql(tenant, ASSIGN, { input: { locationId, ip, assignedAt } })).assignIp.assignment;
}

describe('IP history at an instant', () => {
  it('counts an assignment from the instant it was assigned, and no longer from the instant it was released', async () => {
    const tenant = testTenant();
    const [first, second] = [await customerWithLocation(tenant), await customerWithLocation(tenant)];
    const T1 = '2025-03-01T10:00:00.000Z';
    const T2 = '2025-06-01T00:00:00.000Z';
    const old = await assign(tenant, first.locationId, '203.0.113.7', T1);
    ok(await service.gql(tenant, RELEASE, { input: { assignmentId: old.id, releasedAt: T2 } }));
    await assign(tenant, second.locationId, '203.0.113.7', T2);

    const holder = async (time: string) => ok(await service.gql(tenant, HOLDER, { ip: '203.0.113.7', time })).ipHolder?.customer.id ?? null;
    expect(await holder(at(T1, -1))).toBeNull();
    expect(await holder(T1)).toBe(first.customerId);
    expect(await holder(at(T2, -1))).toBe(first.customerId);
    expect(await holder(T2)).toBe(second.customerId);

    const ipsAt = async (customerId: string, time: string) =>
      ok(await service.gql(tenant, IP_AT, { reps: [{ __typename: 'Customer', id: customerId }], time }))._entities[0].ipAt.map((ip: any) => ip.ip);
    expect(await ipsAt(first.customerId, at(T1, -1))).toEqual([]);
    expect(await ipsAt(first.customerId, T1)).toEqual(['203.0.113.7']);
    expect(await ipsAt(first.customerId, at(T2, -1))).toEqual(['203.0.113.7']);
    expect(await ipsAt(first.customerId, T2)).toEqual([]);
    expect(await ipsAt(second.customerId, T2)).toEqual(['203.0.113.7']);
  });

  it('finds who held an IPv6 address inside a delegated prefix, and reads both families', async () => {
    const tenant = testTenant();
    const { customerId, locationId } = await customerWithLocation(tenant);
    const prefix = await assign(tenant, locationId, '2001:DB8:1200:0::/56', '2025-01-01T00:00:00Z');
    expect(prefix).toMatchObject({ ip: '2001:db8:1200::/56', family: 'IPV6', prefixLength: 56, customer: { id: customerId }, location: { id: locationId }, releasedAt: null });
    await assign(tenant, locationId, '100.64.3.9', '2025-01-01T00:00:00Z');
    const time = '2025-02-01T00:00:00Z';
    expect(ok(await service.gql(tenant, HOLDER, { ip: '2001:db8:1200:ff:1::2', time })).ipHolder).toEqual({ ip: '2001:db8:1200::/56', customer: { id: customerId } });
    expect(ok(await service.gql(tenant, HOLDER, { ip: '2001:db8:1201::1', time })).ipHolder).toBeNull();
    const data = ok(await service.gql(tenant, IP_AT, { reps: [{ __typename: 'Customer', id: customerId }], time }));
    expect(data._entities[0].ipAt).toEqual([{ ip: '100.64.3.9', family: 'IPV4' }, { ip: '2001:db8:1200::/56', family: 'IPV6' }]);
  });

  it('answers ipAt for many customers in one statement, and both questions from the GiST indexes', async () => {
    const tenant = testTenant();
    const customers = [await customerWithLocation(tenant), await customerWithLocation(tenant), await customerWithLocation(tenant)];
    for (const [n, { locationId }] of customers.entries()) await assign(tenant, locationId, `198.51.100.${n + 1}`, '2025-01-01T00:00:00Z');
    const reps = customers.map(({ customerId }) => ({ __typename: 'Customer', id: customerId }));
    const one = await statementsFor(service.subgraph, () => service.gql(tenant, IP_AT, { reps: reps.slice(0, 1), time: '2025-05-01T00:00:00Z' }));
    const three = await statementsFor(service.subgraph, () => service.gql(tenant, IP_AT, { reps, time: '2025-05-01T00:00:00Z' }));
    expect(three).toBe(one);
    expect(one).toBe(1);

    // At a realistic size (a tenant with thousands of assignments, statistics up to date), the planner picks the GiST indexes.
    await service.subgraph.orm.em.fork().execute(
      `INSERT INTO service.ip_assignment (id, tenant_id, customer_id, ip, assigned_at, released_at)
       SELECT gen_random_uuid(), ?, gen_random_uuid(), ('10.' || (g / 65536) || '.' || (g / 256 % 256) || '.' || (g % 256))::inet,
         timestamptz '2024-01-01' + g * interval '1 minute', CASE WHEN g % 2 = 0 THEN timestamptz '2025-01-01' END
       FROM generate_series(1, 5000) g`, [tenant]);
    await service.subgraph.orm.em.fork().execute('ANALYZE service.ip_assignment');
    const plan = async (query: string, params: unknown[]) =>
      (await service.subgraph.orm.em.fork().execute<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${query}`, params)).map((row) => row['QUERY PLAN']).join('\n');
    const holderPlan = await plan(`SELECT * FROM service.ip_assignment WHERE tenant_id = ? AND ip >>= ?::inet AND validity @> ?::timestamptz`, [tenant, '10.0.3.7', '2025-05-01T00:00:00Z']);
    expect(holderPlan).toContain('ip_assignment_one_holder_excl');
    expect(holderPlan).not.toContain('Seq Scan');
    const atPlan = await plan(`SELECT * FROM service.ip_assignment WHERE tenant_id = ? AND customer_id = ANY(?::uuid[]) AND validity @> ?::timestamptz`,
      [tenant, `{${customers.map(({ customerId }) => customerId).join(',')}}`, '2025-05-01T00:00:00Z']);
    expect(atPlan).toContain('ip_assignment_tenant_customer_validity_idx');
    expect(atPlan).not.toContain('Seq Scan');
  });
});

describe('assigning and releasing', () => {
  it('keeps one holder per address at any instant: an overlap is a CONFLICT, and 6 concurrent assignments leave one', async () => {
    const tenant = testTenant();
    const { locationId } = await customerWithLocation(tenant);
    const other = await customerWithLocation(tenant);
    await assign(tenant, locationId, '198.51.100.77', '2025-01-01T00:00:00Z');
    const overlap = await service.gql(tenant, ASSIGN, { input: { locationId: other.locationId, ip: '198.51.100.77', assignedAt: '2025-06-01T00:00:00Z' } });
    expect(overlap.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.ip' });
    const inPrefix = await service.gql(tenant, ASSIGN, { input: { locationId: other.locationId, ip: '198.51.100.64/26', assignedAt: '2025-06-01T00:00:00Z' } });
    expect(inPrefix.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.ip' });

    const results = await Promise.all(Array.from({ length: 6 }, () => service.gql(tenant, ASSIGN, { input: { locationId, ip: '2001:db8:77::1', assignedAt: '2025-01-01T00:00:00Z' } })));
    expect(results.filter((result) => result.data?.assignIp)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.code)).toEqual(Array(5).fill('CONFLICT'));
    // Another tenant's numbering is its own.
    const elsewhere = testTenant();
    await assign(elsewhere, (await customerWithLocation(elsewhere)).locationId, '198.51.100.77', '2025-06-01T00:00:00Z');
  });

  it('refuses bad input naming the field, and records ip.assigned and ip.released', async () => {
    const tenant = testTenant();
    const { locationId } = await customerWithLocation(tenant);
    const cases: [Record<string, unknown>, string][] = [
      [{ ip: '10.0.0.256' }, 'input.ip'],
      [{ ip: '2001:db8::1/56' }, 'input.ip'],
      [{ ip: '127.0.0.1' }, 'input.ip'],
      [{ assignedAt: '2999-01-01T00:00:00Z' }, 'input.assignedAt'],
      [{ locationId: 'nope' }, 'input.locationId'],
    ];
    for (const [override, field] of cases) {
      const result = await service.gql(tenant, ASSIGN, { input: { locationId, ip: '192.0.2.10', assignedAt: '2025-01-01T00:00:00Z', ...override } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const assignment = await assign(tenant, locationId, '192.0.2.10', '2025-01-01T00:00:00Z');
    const early = await service.gql(tenant, RELEASE, { input: { assignmentId: assignment.id, releasedAt: '2025-01-01T00:00:00Z' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.releasedAt' });
    ok(await service.gql(tenant, RELEASE, { input: { assignmentId: assignment.id, releasedAt: '2025-02-01T00:00:00Z' } }));
    const twice = await service.gql(tenant, RELEASE, { input: { assignmentId: assignment.id } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assignmentId' });
    const events = (await outbox(service.subgraph, tenant)).filter((event) => event.type.startsWith('ip.'));
    expect(events.map((event) => [event.type, event.envelope.data.ip, event.envelope.data.releasedAt])).toEqual([
      ['ip.assigned', '192.0.2.10', null], ['ip.released', '192.0.2.10', '2025-02-01T00:00:00.000Z'],
    ]);
  });

  it('lists a location\'s IP history newest first, and shows another tenant nothing', async () => {
    const tenant = testTenant();
    const { customerId, locationId } = await customerWithLocation(tenant);
    const first = await assign(tenant, locationId, '192.0.2.20', '2024-01-01T00:00:00Z');
    ok(await service.gql(tenant, RELEASE, { input: { assignmentId: first.id, releasedAt: '2024-06-01T00:00:00Z' } }));
    await assign(tenant, locationId, '192.0.2.21', '2024-06-01T00:00:00Z');
    const HISTORY = `query($id: ID!) { serviceLocation(id: $id) { ipHistory(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { ip releasedAt } } } } }`;
    const page = ok(await service.gql(tenant, HISTORY, { id: locationId })).serviceLocation.ipHistory;
    expect(page).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { ip: '192.0.2.21', releasedAt: null } }] });

    const other = testTenant();
    expect(ok(await service.gql(other, HOLDER, { ip: '192.0.2.21', time: '2025-01-01T00:00:00Z' })).ipHolder).toBeNull();
    expect(ok(await service.gql(other, IP_AT, { reps: [{ __typename: 'Customer', id: customerId }], time: '2025-01-01T00:00:00Z' }))._entities).toEqual([{ id: customerId, ipAt: [] }]);
    const release = await service.gql(other, RELEASE, { input: { assignmentId: first.id } });
    expect(release.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.assignmentId' });
  });
});
