import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { customersSubgraph } from '../src/subgraph.ts';
import { countStatement, filterSql } from '../src/modules/customer/customer.list.ts';
import { client, createCustomer, type Client } from './helpers.ts';

let subgraph: TestSubgraph;
const tenant = testTenant('search');
let gql: Client;

/**
 * One tenant with 20 000 bulk customers and a few named ones, analysed, so
 * that the planner picks plans as it would on real data (a handful of rows
 * always gets a sequential scan, which proves nothing).
 */
beforeAll(async () => {
  subgraph = await startTestSubgraph(customersSubgraph, inject('adminUrl'));
  gql = client(subgraph, tenant);
  const em = subgraph.orm.em.fork();
  await em.execute(
    `INSERT INTO customers.customer (id, tenant_id, kind, name, phone, email, status, category, created_at)
     SELECT gen_random_uuid(), ?, 'INDIVIDUAL', 'Personne ' || n, '+1819' || (2000000 + n), 'p' || n || '@bulk.test',
       CASE WHEN n % 10 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END, CASE WHEN n % 7 = 0 THEN 'PROSPECT' ELSE 'CLIENT' END,
       now() - make_interval(days => n)
     FROM generate_series(1, 20000) AS n`,
    [tenant],
  );
  for (const [name, extra] of [
    ['David Côté', { email: 'david@cote.test', phone: '450 555 0401' }],
    ['Éloïse Gagnon', { kind: 'COMPANY', companyName: 'Ébénisterie Œuvre', tags: ['vip'], salesRep: 'Marie' }],
    ['JOSÉE COTE', { category: 'PARTNER', phone: '514-555-0402' }],
    ['Li Wei', {}],
  ] as const) await createCustomer(gql, { name, ...extra });
  // VACUUM also moves the bulk rows out of the GIN index's pending list, as autovacuum would.
  await em.execute('VACUUM ANALYZE customers.customer');
}, 120_000);
afterAll(() => subgraph?.stop());

const names = async (args: Record<string, unknown>) =>
  (await gql.ok('query($search: String, $filter: CustomerFilter, $sort: CustomerSort) { customers(search: $search, filter: $filter, sort: $sort, first: 10) { totalCount edges { node { name } } } }', args))
    .customers;

/** Index names in a JSON plan, wherever they sit in the tree. */
function indexesOf(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(indexesOf);
  if (plan && typeof plan === 'object') {
    return Object.entries(plan).flatMap(([key, value]) => (key === 'Index Name' ? [value as string] : indexesOf(value)));
  }
  return [];
}

async function plan(sql: string, params: unknown[]): Promise<{ indexes: string[]; text: string }> {
  const [row] = await subgraph.orm.em.fork().execute<{ 'QUERY PLAN': unknown }[]>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const json = row!['QUERY PLAN'];
  return { indexes: indexesOf(json), text: JSON.stringify(json) };
}

describe('customer search', () => {
  it('matches fragments of name, company, e-mail and phone, ignoring accents and case', async () => {
    expect((await names({ search: 'cote' })).edges.map((edge: any) => edge.node.name).sort()).toEqual(['David Côté', 'JOSÉE COTE']);
    expect((await names({ search: 'CÔTÉ' })).totalCount).toBe(2);
    expect((await names({ search: 'eloise' })).edges).toEqual([{ node: { name: 'Éloïse Gagnon' } }]);
    expect((await names({ search: 'oeuvre' })).edges).toEqual([{ node: { name: 'Éloïse Gagnon' } }]);
    expect((await names({ search: 'david@co' })).totalCount).toBe(1);
    expect((await names({ search: '(514) 555-04' })).edges).toEqual([{ node: { name: 'JOSÉE COTE' } }]);
    expect((await names({ search: 'li' })).edges).toEqual([{ node: { name: 'Li Wei' } }]);
    expect((await names({ search: '100%' })).totalCount).toBe(0);
  });

  it('filters by kind, category, status, tag, sales rep and creation date, and sorts by name', async () => {
    expect((await names({ filter: { kind: 'COMPANY' } })).edges).toEqual([{ node: { name: 'Éloïse Gagnon' } }]);
    expect((await names({ filter: { category: 'PARTNER' } })).edges).toEqual([{ node: { name: 'JOSÉE COTE' } }]);
    expect((await names({ filter: { tag: 'VIP' } })).totalCount).toBe(1);
    expect((await names({ filter: { salesRep: 'Marie' } })).totalCount).toBe(1);
    expect((await names({ filter: { status: 'INACTIVE' } })).totalCount).toBe(2000);
    expect((await names({ filter: { status: 'ACTIVE', category: 'PROSPECT' } })).totalCount).toBe(2572);
    const since = new Date(Date.now() - 60_000).toISOString();
    expect((await names({ filter: { createdFrom: since } })).totalCount).toBe(4);
    const sorted = (await names({ search: 'cote', sort: 'NAME' })).edges.map((edge: any) => edge.node.name);
    expect(sorted).toEqual(['David Côté', 'JOSÉE COTE']);
    const byName = await gql.ok('{ customers(sort: NAME, first: 2) { pageInfo { endCursor } edges { node { name } } } }');
    expect(byName.customers.edges.map((edge: any) => edge.node.name)).toEqual(['David Côté', 'Éloïse Gagnon']);
    const next = await gql.ok('query($after: String) { customers(sort: NAME, first: 2, after: $after) { edges { node { name } } } }', { after: byName.customers.pageInfo.endCursor });
    expect(next.customers.edges.map((edge: any) => edge.node.name)).toEqual(['JOSÉE COTE', 'Li Wei']);
  });

  it('serves a search from the trigram index on the accent-folded text, never a sequential scan (plan, not time)', async () => {
    const where = filterSql(tenant, 'Côté', {});
    const count = await plan(`SELECT count(*) FROM customers.customer c WHERE ${where.sql.join(' AND ')}`, where.params);
    expect(count.indexes).toContain('customer_search_trgm_idx');
    expect(count.text).not.toContain('Seq Scan');
    const digits = filterSql(tenant, '555-0401', {});
    expect((await plan(`SELECT count(*) FROM customers.customer c WHERE ${digits.sql.join(' AND ')}`, digits.params)).indexes).toContain('customer_search_trgm_idx');
    // The capped count the list sends for a search.
    const capped = countStatement(where, 'Côté');
    expect((await plan(capped.sql, capped.params)).indexes).toContain('customer_search_trgm_idx');
  });

  it('counts a search up to 1 000 matches and says when more match; counts exactly without a search', async () => {
    const list = async (search: string | null) => (await gql.ok(
      'query($search: String) { customers(search: $search, first: 5) { totalCount totalCountIsCapped pageInfo { hasNextPage } edges { node { id } } } }',
      { search },
    )).customers;
    // Every bulk customer's e-mail ends in @bulk.test: 20 000 matches.
    const broad = await list('bulk.test');
    expect(broad).toMatchObject({ totalCount: 1000, totalCountIsCapped: true, pageInfo: { hasNextPage: true } });
    expect(broad.edges).toHaveLength(5);
    expect(await list('p1999@')).toMatchObject({ totalCount: 1, totalCountIsCapped: false });
    expect(await list(null)).toMatchObject({ totalCount: 20004, totalCountIsCapped: false });
  });

  it('serves filters, the name order and short name prefixes from their indexes', async () => {
    const page = (filter: Record<string, unknown>, order: string, search: string | null = null) => {
      const where = filterSql(tenant, search, filter);
      return plan(`SELECT c.* FROM customers.customer c WHERE ${where.sql.join(' AND ')} ORDER BY ${order} LIMIT 21`, where.params);
    };
    expect((await page({ category: 'PARTNER' }, 'c.created_at DESC, c.id DESC')).indexes).toContain('customer_tenant_category_created_idx');
    expect((await page({}, 'c.sort_name, c.id')).indexes).toContain('customer_tenant_sort_name_idx');
    expect((await page({}, 'c.created_at DESC, c.id DESC', 'li')).indexes).toContain('customer_tenant_sort_name_idx');
    const candidates = await plan(
      `SELECT c.* FROM customers.customer c WHERE c.tenant_id = ? AND cardinality(c.test_data_reasons) > 0 AND c.merged_into_id IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT 21`,
      [tenant],
    );
    expect(candidates.indexes).toContain('customer_test_data_idx');
  });

  it('rejects a cursor from elsewhere, naming the argument', async () => {
    expect(await gql.fails('{ customers(after: "bm90LWEtY3Vyc29y") { totalCount } }')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
