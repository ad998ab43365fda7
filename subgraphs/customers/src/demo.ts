import { demoFaker, type DemoTenant, type EntityManager } from '@c360/kit';

/**
 * Seeds the tenant's settings and its demo customers. Deterministic ids and
 * `ON CONFLICT DO NOTHING` make a rerun a no-op.
 */
export async function seedDemo(em: EntityManager, tenant: DemoTenant): Promise<void> {
  await em.execute(`INSERT INTO customers.tenant (id, name, default_country) VALUES (?, ?, 'CA') ON CONFLICT (id) DO NOTHING`, [tenant.id, tenant.name]);
  const rows = tenant.customers.map(({ index, id }) => {
    const faker = demoFaker(index + 1);
    const company = index % 5 === 0;
    const name = company ? faker.company.name() : faker.person.fullName();
    const digits = `450${String(2_000_000 + index * 7919).slice(-7)}`;
    const createdAt = faker.date.past({ years: 10, refDate: '2026-11-01T00:00:00Z' });
    return {
      id,
      tenant_id: tenant.id,
      kind: company ? 'COMPANY' : 'INDIVIDUAL',
      name,
      phone: `+1${digits}`,
      phone_raw: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      email: faker.internet.email({ firstName: name.split(' ')[0], lastName: String(index) }).toLowerCase(),
      status: index % 23 === 0 ? 'SUSPENDED' : 'ACTIVE',
      created_at: createdAt.toISOString(),
      updated_at: createdAt.toISOString(),
    };
  });
  await em.execute(
    `INSERT INTO customers.customer (id, tenant_id, kind, name, phone, phone_raw, email, status, created_at, updated_at)
     SELECT id, tenant_id, kind, name, phone, phone_raw, email, status, created_at, updated_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, kind text, name text, phone text, phone_raw text,
       email text, status text, created_at timestamptz, updated_at timestamptz)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}
