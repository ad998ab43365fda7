import pg from 'pg';
import { PAGE_SIZE } from './queries.ts';
import { summarize, type LoadFigures } from './stats.ts';

/*
 * The physical limit: the customer 360 of the ops app as ONE hand-written
 * statement that builds the very JSON the graph returns (same fields, same
 * order, same formats, cursors included), across the four schemas. It runs as
 * the administrator: the benchmark may read across schemas, the services may not.
 */

/** ISO-8601 in UTC with milliseconds, as the DateTime scalar prints it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The kit's cursor: base64url of the JSON array [sort, id], without padding. */
const cursor = (sort: string, id: string) =>
  `rtrim(translate(encode(convert_to('["' || ${iso(sort)} || '","' || ${id} || '"]', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;
const money = (amount: string, currency: string) => `json_build_object('amount', (${amount})::numeric(14,2)::text, 'currency', ${currency})`;
const ACTIVE_TICKETS = `('OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER')`;
const OPEN_INVOICES = `('ISSUED', 'PARTIALLY_PAID', 'OVERDUE')`;

/** A Relay connection over the first PAGE_SIZE rows of `from` (newest first by `sort`). */
function connection(input: { from: string; where: string; sort: string; node: string }): string {
  const { from, where, sort, node } = input;
  return `(SELECT json_build_object(
      'totalCount', (SELECT count(*) FROM ${from} WHERE ${where}),
      'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM ${from} WHERE ${where}) > ${PAGE_SIZE},
        'hasPreviousPage', false,
        'startCursor', (array_agg(p.cursor ORDER BY p.${sort} DESC, p.id DESC))[1],
        'endCursor', (array_agg(p.cursor ORDER BY p.${sort} ASC, p.id ASC))[1]),
      'edges', coalesce(json_agg(json_build_object('cursor', p.cursor, 'node', ${node}) ORDER BY p.${sort} DESC, p.id DESC), '[]'))
    FROM (SELECT t.*, ${cursor(`t.${sort}`, 't.id')} AS cursor FROM ${from} t WHERE ${where}
          ORDER BY t.${sort} DESC, t.id DESC LIMIT ${PAGE_SIZE}) p)`;
}

const ticketPage = (parentColumn: string, parentId: string) => connection({
  from: 'support.ticket',
  where: `tenant_id = $1 AND ${parentColumn} = ${parentId}`,
  sort: 'created_at',
  node: `json_build_object('id', p.id, 'number', 'T-' || lpad(p.number::text, greatest(6, length(p.number::text)), '0'),
    'subject', p.subject, 'status', p.status, 'priority', p.priority, 'createdAt', ${iso('p.created_at')}, 'updatedAt', ${iso('p.updated_at')})`,
});

const currency = `coalesce((SELECT currency FROM billing.tax_profile WHERE tenant_id = $1), 'CAD')`;

/** $1 tenant, $2 customer id. One row, `customer` (null when there is no such customer of the tenant). */
export const CUSTOMER_360_SQL = `
  SELECT (SELECT json_build_object(
    'id', c.id, 'kind', c.kind, 'name', c.name, 'status', c.status, 'phone', c.phone, 'phoneAsTyped', c.phone_raw, 'email', c.email,
    'lastActivityAt', ${iso('c.last_activity_at')}, 'createdAt', ${iso('c.created_at')}, 'version', c.version,
    'balance', ${money(`coalesce((SELECT sum(total - paid_amount) FROM billing.invoice
        WHERE tenant_id = $1 AND customer_id = c.id AND status IN ${OPEN_INVOICES}), 0)
      + coalesce((SELECT sum(allocated_amount - amount) FROM billing.payment
        WHERE tenant_id = $1 AND customer_id = c.id AND allocated_amount < amount), 0)
      - coalesce((SELECT sum(CASE kind WHEN 'CREDIT' THEN amount ELSE -amount END) FROM billing.credit_ledger_entry
        WHERE tenant_id = $1 AND customer_id = c.id), 0)`, currency)},
    'invoices', ${connection({
      from: 'billing.invoice', where: 'tenant_id = $1 AND customer_id = c.id', sort: 'issued_at',
      node: `json_build_object('id', p.id, 'number', p.number, 'status', p.status, 'issuedAt', ${iso('p.issued_at')},
        'dueDate', to_char(p.due_date, 'YYYY-MM-DD'), 'total', ${money('p.total', 'p.currency')},
        'outstanding', ${money('p.total - p.paid_amount', 'p.currency')})`,
    })},
    'payments', ${connection({
      from: 'billing.payment', where: 'tenant_id = $1 AND customer_id = c.id', sort: 'received_at',
      node: `json_build_object('id', p.id, 'receivedAt', ${iso('p.received_at')}, 'method', p.method, 'reference', p.reference,
        'amount', ${money('p.amount', 'p.currency')}, 'unallocated', ${money('p.amount - p.allocated_amount', 'p.currency')})`,
    })},
    'locations', (SELECT coalesce(json_agg(json_build_object(
        'id', l.id, 'status', l.status, 'connectionType', l.connection_type, 'installedAt', to_char(l.installed_at, 'YYYY-MM-DD'),
        'address', json_build_object('number', l.civic_number, 'unit', l.unit, 'street', l.street, 'city', l.city, 'region', l.region,
          'postalCode', l.postal_code, 'country', l.country),
        'equipment', (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'model', e.model, 'serial', e.serial,
            'macAddress', e.mac_address, 'status', e.status) ORDER BY e.created_at, e.id), '[]')
          FROM service.equipment e WHERE e.tenant_id = $1 AND e.location_id = l.id),
        'tickets', ${ticketPage('location_id', 'l.id')}
      ) ORDER BY l.created_at, l.id), '[]')
      FROM service.service_location l WHERE l.tenant_id = $1 AND l.customer_id = c.id),
    'openTicketCount', (SELECT count(*) FROM support.ticket WHERE tenant_id = $1 AND customer_id = c.id AND status IN ${ACTIVE_TICKETS}),
    'tickets', ${ticketPage('customer_id', 'c.id')}
  ) FROM customers.customer c WHERE c.tenant_id = $1 AND c.id = $2) AS customer`;

/** The limit's client: one Node process, a pool of `concurrency` connections, the statement prepared once per connection. */
export async function openLimitPool(adminUrl: string, concurrency: number): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: adminUrl, max: concurrency });
  // Open every connection before measuring.
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  for (const client of clients) client.release();
  return pool;
}

export async function fetch360(pool: pg.Pool, tenantId: string, customerId: string): Promise<unknown> {
  const { rows } = await pool.query<{ customer: unknown }>({ name: 'customer360', text: CUSTOMER_360_SQL, values: [tenantId, customerId] });
  return rows[0]?.customer ?? null;
}

/** `concurrency` loops, each sending the statement again as soon as it returns, for `seconds`. */
export async function loadLimit(pool: pg.Pool, tenantId: string, nextId: () => string, concurrency: number, seconds: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        if ((await fetch360(pool, tenantId, nextId())) === null) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - sent);
    }
  }));
  return summarize(latencies, (performance.now() - started) / 1000, { errors, timeouts: 0 });
}
