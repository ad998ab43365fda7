import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { demoId, type DemoTenant } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const TABLES = ['technician', 'ticket', 'ticket_message', 'dispatch_job', 'dispatch_assignment', 'work_order', 'work_order_visit', 'work_order_item'];

function demoTenant(id: string, customers: number): DemoTenant {
  return {
    id,
    name: 'Test Télécom',
    customers: Array.from({ length: customers }, (_, index) => ({
      index, id: demoId(id, 'customer', index), locationIds: [demoId(id, 'location', index, 0)],
    })),
  };
}

describe('demo data', () => {
  it('seeds technicians, conversations, dispatch jobs and work orders, the same on a rerun', async () => {
    const tenant = demoTenant(testTenant('demo'), 80);
    const em = subgraph.orm.em.fork();
    await supportSubgraph.seedDemo(em, tenant);
    const counts = await Promise.all(TABLES.map((table) => kit.count(table, tenant.id)));
    for (const [index, count] of counts.entries()) expect(count, TABLES[index]).toBeGreaterThan(0);
    await supportSubgraph.seedDemo(em, tenant);
    expect(await Promise.all(TABLES.map((table) => kit.count(table, tenant.id)))).toEqual(counts);
  });

  it('keeps the demo consistent: totals derived from labour and items, every job staffed, answers before resolutions', async () => {
    const tenant = demoTenant(testTenant('demo'), 60);
    const em = subgraph.orm.em.fork();
    await supportSubgraph.seedDemo(em, tenant);
    const [check] = await em.execute<Record<string, number>[]>(
      `SELECT
         (SELECT count(*)::int FROM support.work_order w
           WHERE w.tenant_id = ? AND (w.subtotal <>
             coalesce((SELECT sum(round(round(extract(epoch FROM v.departed_at - v.arrived_at) / 3600, 2) * w.labour_rate, 2))
                       FROM support.work_order_visit v WHERE v.work_order_id = w.id), 0)
             + coalesce((SELECT sum(i.amount) FROM support.work_order_item i WHERE i.work_order_id = w.id), 0)
             OR w.tax_total <> (SELECT sum((t->>'amount')::numeric) FROM jsonb_array_elements(w.taxes) t))) AS wrong_totals,
         (SELECT count(*)::int FROM support.dispatch_job j WHERE j.tenant_id = ?
           AND NOT EXISTS (SELECT FROM support.dispatch_assignment a WHERE a.dispatch_job_id = j.id)) AS unstaffed_jobs,
         (SELECT count(*)::int FROM support.ticket t WHERE t.tenant_id = ? AND t.first_response_at > t.resolved_at) AS late_answers,
         (SELECT count(*)::int FROM support.work_order w WHERE w.tenant_id = ? AND w.external_id IS NOT NULL) AS legacy_work_orders`,
      [tenant.id, tenant.id, tenant.id, tenant.id],
    );
    expect(check).toEqual({ wrong_totals: 0, unstaffed_jobs: 0, late_answers: 0, legacy_work_orders: 6 });

    const [busiest] = await em.execute<{ customer_id: string }[]>(
      `SELECT customer_id FROM support.work_order WHERE tenant_id = ? GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1`, [tenant.id]);
    const result = await kit.as(tenant.id)(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
      technicianHours workOrders { totalCount edges { node { total { amount currency } visits { technician { name } } } } } } } }`,
    { reps: [{ __typename: 'Customer', id: busiest!.customer_id }] });
    const customer = result.data?._entities[0];
    expect(customer.technicianHours).toBeGreaterThan(0);
    expect(customer.workOrders.totalCount).toBeGreaterThan(0);
    expect(customer.workOrders.edges[0].node.visits[0].technician.name).toEqual(expect.any(String));
  });
});
