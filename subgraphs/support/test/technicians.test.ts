import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { newId } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const CREATE = 'mutation($input: CreateTechnicianInput!) { createTechnician(input: $input) { technician { id name department active externalId version } } }';
const UPDATE = 'mutation($input: UpdateTechnicianInput!) { updateTechnician(input: $input) { technician { id name department active version } } }';
const LIST = `query($department: Department, $includeInactive: Boolean, $first: Int, $after: String) {
  technicians(department: $department, includeInactive: $includeInactive, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name department active } } } }`;

describe('technicians', () => {
  it('creates technicians with defaults and lists the active ones by name, filtered by department, page by page', async () => {
    const tenant = testTenant();
    const as = kit.as(tenant);
    const created = await as(CREATE, { input: { name: '  Zoé Gagnon ', externalId: 'EMP-0042' } });
    expect(created.data?.createTechnician.technician).toMatchObject({ name: 'Zoé Gagnon', department: 'FIELD_SERVICE', active: true, externalId: 'EMP-0042', version: 1 });
    await kit.technician(tenant, 'Alexis Roy');
    await kit.technician(tenant, 'Maude Bélanger', 'TECHNICAL_SUPPORT');
    const retired = await kit.technician(tenant, 'Bruno Côté');
    await as(UPDATE, { input: { technicianId: retired, version: 1, active: false } });

    const active = (await as(LIST, {})).data?.technicians;
    expect(active.totalCount).toBe(3);
    expect(active.edges.map((edge: any) => edge.node.name)).toEqual(['Alexis Roy', 'Maude Bélanger', 'Zoé Gagnon']);
    const field = (await as(LIST, { department: 'FIELD_SERVICE', includeInactive: true })).data?.technicians;
    expect(field.edges.map((edge: any) => edge.node.name)).toEqual(['Alexis Roy', 'Bruno Côté', 'Zoé Gagnon']);

    const first = (await as(LIST, { first: 2 })).data?.technicians;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await as(LIST, { first: 2, after: first.pageInfo.endCursor })).data?.technicians;
    expect(second.edges.map((edge: any) => edge.node.name)).toEqual(['Zoé Gagnon']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('updates with the version read, refuses a stale version naming input.version, and records events', async () => {
    const tenant = testTenant();
    const as = kit.as(tenant);
    const id = await kit.technician(tenant, 'Alexis Roy');
    const renamed = await as(UPDATE, { input: { technicianId: id, version: 1, name: 'Alexis Roy-Tremblay', department: 'TECHNICAL_SUPPORT' } });
    expect(renamed.data?.updateTechnician.technician).toMatchObject({ name: 'Alexis Roy-Tremblay', department: 'TECHNICAL_SUPPORT', version: 2 });
    const stale = await as(UPDATE, { input: { technicianId: id, version: 1, name: 'Lost update' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const current = await as('query($id: ID!) { technician(id: $id) { name version } }', { id });
    expect(current.data?.technician).toEqual({ name: 'Alexis Roy-Tremblay', version: 2 });
    expect((await kit.outbox(id)).map((event) => event.type)).toEqual(['technician.created', 'technician.updated']);
  });

  it('keeps external ids unique per tenant, also between concurrent creates', async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => kit.as(tenant)(CREATE, { input: { name: `Tech ${i}`, externalId: 'EMP-0001' } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalId' });
    expect(await kit.count('technician', tenant)).toBe(1);
    expect((await kit.as(other)(CREATE, { input: { name: 'Elsewhere', externalId: 'EMP-0001' } })).errors).toBeUndefined();
  });

  it.each([
    [{ name: '   ' }, 'input.name'],
    [{ name: 'x'.repeat(201) }, 'input.name'],
  ])('refuses %j naming %s, and stores nothing', async (input, field) => {
    const tenant = testTenant();
    const result = await kit.as(tenant)(CREATE, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await kit.count('technician', tenant)).toBe(0);
  });

  it('shows nothing of tenant A to tenant B', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const id = await kit.technician(a, 'Alexis Roy');
    expect((await kit.as(b)('query($id: ID!) { technician(id: $id) { id } }', { id })).data?.technician).toBeNull();
    expect((await kit.as(b)(LIST, { includeInactive: true })).data?.technicians.totalCount).toBe(0);
    const update = await kit.as(b)(UPDATE, { input: { technicianId: id, version: 1, active: false } });
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.technicianId' });
    expect((await kit.as(b)('query($id: ID!) { technician(id: $id) { id } }', { id: newId() })).data?.technician).toBeNull();
  });
});
