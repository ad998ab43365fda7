import pg from 'pg';

const TABLES = [
  'customers.customer', 'billing.invoice', 'billing.invoice_line', 'billing.invoice_tax', 'billing.payment',
  'service.service_location', 'service.equipment', 'support.ticket',
];

/** Rows of a tenant in each table, and the server's version: what the figures were measured on. */
export async function describeDataset(adminUrl: string, tenants: string[]) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const counts: Record<string, Record<string, number>> = {};
    for (const tenant of tenants) {
      counts[tenant] = {};
      for (const table of TABLES) {
        const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table} WHERE tenant_id = $1`, [tenant]);
        counts[tenant][table] = rows[0]!.count;
      }
    }
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return { postgres: rows[0]!.version, rows: counts };
  } finally {
    await client.end();
  }
}
