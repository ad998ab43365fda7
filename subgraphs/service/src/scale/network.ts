import { ISP_SIZE, SCALE_NOW, insertPlannedSql, planned, type ScaleSession } from '@c360/kit';

const CHUNK = 10_000;

/**
 * IP history (20 999 assignments at scale 1, for about 5 800 customers):
 * about half the installed locations, more assignments the longer they have
 * been in service. A location's IPv4 addresses follow each other (one released
 * at the instant the next is assigned), the last one still held unless the
 * customer left; fibre locations with several assignments also have an IPv6
 * /56 for their whole life. Every assignment has its own address, so the
 * exclusion constraint (one holder per address at any instant) holds by
 * construction. Then the ports disabled when the plan's customers were
 * suspended, with what the network controller answered.
 */
export async function seedNetwork(session: ScaleSession): Promise<void> {
  const { tenantId } = session;
  const assignments = planned(session.plan, ISP_SIZE.ipAssignments);
  // Each row costs GiST searches and insertions (the exclusion constraint stays; its sibling index is rebuilt after).
  await session.bulkLoad({ 'service.ip_assignment': assignments }, () => session.fill('service.ip_assignment', assignments, CHUNK,
    (from, to) => session.insert(INSERT_ASSIGNMENTS, [tenantId, from, to, SCALE_NOW]), {
      prepare: () => session.planShares('service_ip_plan', assignments, {
        from: 'service.service_location l JOIN pg_temp.scale_customer c ON l.tenant_id = $2 AND c.id = l.customer_id',
        columns: 'l.id AS location_id, l.customer_id, l.connection_type, l.status, l.installed_at, c.until',
        order: 'c.idx * 2 + array_position(c.location_ids, l.id)',
        weight: `CASE WHEN l.installed_at IS NULL OR pg_temp.scale_rand('ip/' || l.id) >= 0.45 THEN 0
          ELSE extract(epoch FROM coalesce(c.until, $3::timestamptz) - l.installed_at) * (0.25 + pg_temp.scale_rand('ip-changes/' || l.id)) END`,
        params: [tenantId, SCALE_NOW],
      }),
    }));

  const actions = await session.planTable('service_action_plan', PLAN_ACTIONS, [tenantId]);
  await session.fill('service.network_action', actions, CHUNK, (from, to) => session.insert(INSERT_ACTIONS, [tenantId, from, to]));
}

// $1 tenant, $2..$3 plan rows, $4 now. A location's life starts at noon on its installation day and ends when the customer
// left (a day later at the earliest); its v4 addresses split the life into consecutive [assigned, released) periods.
const INSERT_ASSIGNMENTS = `
  WITH assignment AS (
    SELECT p.*, life.start, life.finish,
      p.connection_type = 'FIBRE' AND p.count > 1 AS has_v6,
      p.connection_type = 'FIBRE' AND p.count > 1 AND p.k = 0 AS v6
    FROM pg_temp.service_ip_plan p
    CROSS JOIN LATERAL (SELECT p.installed_at + time '12:00' AS start) s
    CROSS JOIN LATERAL (SELECT s.start,
      CASE WHEN p.until IS NOT NULL THEN greatest(p.until, s.start + interval '1 day') END AS finish) life
    WHERE p.n >= $2 AND p.n < $3
  ), period AS (
    SELECT a.*, a.k - a.has_v6::int AS j, a.count - a.has_v6::int AS m, coalesce(a.finish, $4::timestamptz) - a.start AS span FROM assignment a
  )
  INSERT INTO service.ip_assignment (id, tenant_id, customer_id, location_id, ip, assigned_at, released_at, legacy_id, created_at)
  SELECT pg_temp.scale_id('ip/' || p.location_id || '/' || p.k), $1, p.customer_id, p.location_id,
    CASE WHEN p.v6 THEN ('2001:db8:' || to_hex(p.n >> 8) || ':' || to_hex((p.n & 255) << 8) || '::/56')::inet ELSE '100.64.0.0'::inet + p.n END,
    x.assigned_at, x.released_at, 'IP-' || (p.n + 1), x.assigned_at
  FROM period p
  CROSS JOIN LATERAL (SELECT
    CASE WHEN p.v6 THEN p.start ELSE p.start + p.span * (p.j::float8 / p.m) END AS assigned_at,
    CASE WHEN p.v6 OR p.j = p.m - 1 THEN p.finish ELSE p.start + p.span * ((p.j + 1)::float8 / p.m) END AS released_at) x
  ORDER BY p.n
  ON CONFLICT DO NOTHING`;

// $1 tenant. Each location of a suspended customer had its port disabled when the suspension came in.
const PLAN_ACTIONS = `
  SELECT (row_number() OVER (ORDER BY c.suspended_since, l.id) - 1)::int AS n, l.id AS location_id, l.customer_id, l.olt_name, l.olt_port, l.ont_id,
    greatest(c.suspended_since, l.created_at) + interval '2 minutes' AS requested_at
  FROM service.service_location l JOIN pg_temp.scale_customer c ON c.id = l.customer_id
  WHERE l.tenant_id = $1 AND l.status = 'SUSPENDED' AND c.suspended_since IS NOT NULL`;

const INSERT_ACTIONS = insertPlannedSql('service.network_action', 'service_action_plan',
  ['location_id', 'customer_id', 'olt_name', 'olt_port', 'ont_id', 'requested_at'], {
    id: `pg_temp.scale_id('network-action/' || p.location_id)`,
    action: `'DISABLE_PORT'`,
    cause: `'customer.suspended'`,
    outcome: `CASE WHEN p.olt_name IS NULL THEN 'NO_ATTACHMENT' ELSE 'SUCCEEDED' END`,
    detail: `CASE WHEN p.olt_name IS NULL THEN 'No OLT, port and ONT id recorded for this location' END`,
  });
