import { ISP_SIZE, SCALE_NOW, SCALE_VOLUMES, demoId, insertPlannedSql, planned, reseededFaker, unitHash, type ScaleSession } from '@c360/kit';
import { PARTS, SLOT_HOURS_UTC } from '../demo-field-work.ts';
import type { Department } from '../modules/technician/technician.entity.ts';
import { QUEBEC_PROFILE } from '../modules/work-order/work-order.pricing.ts';

const CHUNK = 10_000;
/** What the scale ISP charges for an hour of a technician (the demo's rate). */
const LABOUR_RATE = '95.00';

/**
 * Plans the field visits: dispatch jobs for a share of the tickets about a
 * location that needed a technician (moves and replacements, some
 * breakdowns), the day after the ticket, and the legacy work orders ("bons de
 * travail", no ticket) that complete the reference ISP's 14 486 work orders
 * with the completed jobs'. Every visit takes a two-hour slot; within a slot
 * each technician gets one visit (ranks `crew_from`.. of the field team), so
 * that nobody is booked twice. Returns how many field technicians the busiest
 * slot needs. A resolved ticket with a visit was resolved after it.
 */
export async function planFieldWork(session: ScaleSession): Promise<number> {
  await session.planTable('support_dispatch_plan', PLAN_DISPATCH, [planned(session.plan, SCALE_VOLUMES.dispatchJobs), SCALE_NOW, SLOT_HOURS_UTC], ['n', 'ticket_id']);
  await session.query(`UPDATE pg_temp.support_ticket_plan t SET resolved_at = greatest(t.resolved_at, d.scheduled_end + interval '1 hour')
    FROM pg_temp.support_dispatch_plan d WHERE d.ticket_id = t.id AND t.resolved_at IS NOT NULL`);
  const [done] = await session.query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_temp.support_dispatch_plan WHERE status = 'DONE'`);
  const legacy = Math.max(0, planned(session.plan, ISP_SIZE.workOrders) - done!.count);
  await session.planShares('support_legacy_share', legacy, {
    weight: `extract(epoch FROM coalesce(c.until, $2::timestamptz) - c.since) * pg_temp.scale_rand('legacy/' || c.idx)`,
    columns: 'c.idx, c.id AS customer_id, c.location_ids, c.language, c.since, coalesce(c.until, $2::timestamptz) AS ended',
    params: [SCALE_NOW],
  });
  await session.planTable('support_visit_plan', PLAN_VISITS, [SLOT_HOURS_UTC], ['id']);
  const [demand] = await session.query<{ needed: number }>('SELECT coalesce(max(crew_from + crew), 1)::int AS needed FROM pg_temp.support_visit_plan');
  return demand!.needed;
}

/**
 * Support's staff: a few dozen technicians (`SCALE_VOLUMES.technicians`), most
 * in the field (more if the busiest slot needs them), the others answering
 * tickets by phone, about bills and sales. Names from the demo faker.
 */
export async function seedTechnicians(session: ScaleSession, fieldNeeded: number): Promise<void> {
  const { tenantId } = session;
  const total = Math.max(4, planned(session.plan, SCALE_VOLUMES.technicians));
  const teams: [Department, number][] = [
    ['FIELD_SERVICE', Math.max(Math.round(total * 0.6), fieldNeeded)],
    ['TECHNICAL_SUPPORT', Math.max(1, Math.round(total * 0.25))],
    ['BILLING', Math.max(1, Math.round(total * 0.08))],
  ];
  teams.push(['SALES', Math.max(1, total - Math.round(total * 0.6) - teams[1]![1] - teams[2]![1])]);
  let n = 0;
  const technicians = teams.flatMap(([department, size]) => Array.from({ length: size }, (_, rank) => {
    const faker = reseededFaker(Math.floor(unitHash(tenantId, 'technician', n) * 2 ** 31), n % 4 === 3 ? 'en' : 'fr');
    n += 1;
    return { id: demoId(tenantId, 'scale-technician', department, rank), external_id: `EMP-${String(n).padStart(4, '0')}`, name: faker.person.fullName(), department, rank };
  }));
  await session.query(`CREATE TEMP TABLE support_technician AS
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, external_id text, name text, department text, rank int)`, [JSON.stringify(technicians)]);
  await session.query(`CREATE TEMP TABLE support_team AS SELECT department, count(*)::int AS size FROM pg_temp.support_technician GROUP BY department`);
  await session.fill('support.technician', technicians.length, CHUNK, () => session.insert(
    `INSERT INTO support.technician (id, tenant_id, external_id, name, department, created_at, updated_at)
     SELECT t.id, $1, t.external_id, t.name, t.department, $2, $2 FROM pg_temp.support_technician t ORDER BY t.external_id ON CONFLICT DO NOTHING`,
    [tenantId, new Date(SCALE_NOW.getTime() - 10 * 365 * 86_400_000)],
  ));
}

/**
 * The dispatch jobs with their technicians (the database refuses a double
 * booking), and the work orders of the completed visits and legacy ones, with
 * their technicians' times and parts. Money follows `priceWorkOrder`: labour =
 * round(hours × rate, 2) per visit with hours = round(time on site, 2), items =
 * round(quantity × price, 2), each tax = round(subtotal × rate, 2).
 */
export async function seedDispatchAndWorkOrders(session: ScaleSession): Promise<void> {
  const { tenantId } = session;
  await session.query(
    'INSERT INTO support.work_order_profile (tenant_id, currency, taxes, labour_rate) VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (tenant_id) DO NOTHING',
    [tenantId, QUEBEC_PROFILE.currency, JSON.stringify(QUEBEC_PROFILE.taxes), LABOUR_RATE],
  );
  await session.fill('support.dispatch_job', await session.planned('support_dispatch_plan'), CHUNK, (from, to) => session.insert(INSERT_JOBS, [tenantId, from, to]));
  await session.planTable('support_crew_plan', PLAN_CREWS, [], ['visit_id']);
  const assignments = await session.planTable('support_assignment_plan', PLAN_ASSIGNMENTS);
  await session.fill('support.dispatch_assignment', assignments, CHUNK,
    (from, to) => session.insert(INSERT_ASSIGNMENTS, [tenantId, from, to]));

  const workOrders = await session.planTable('support_work_order_plan', PLAN_WORK_ORDERS);
  const visits = await session.planTable('support_wo_visit_plan', PLAN_WORK_ORDER_VISITS, [], ['n', 'work_order_id']);
  const items = await session.planTable('support_wo_item_plan', PLAN_WORK_ORDER_ITEMS, [JSON.stringify(PARTS)], ['n', 'work_order_id']);
  await session.fill('support.work_order', workOrders, CHUNK, (from, to) => session.insert(INSERT_WORK_ORDERS, [tenantId, from, to]));
  await session.fill('support.work_order_visit', visits, CHUNK, (from, to) => session.insert(INSERT_VISITS, [tenantId, from, to]));
  await session.fill('support.work_order_item', items, CHUNK, (from, to) => session.insert(INSERT_ITEMS, [tenantId, from, to]));
}

/** A slot's start: its day at the slot's hour (UTC), the hours of the slots being the parameter `hours`. */
const slotStart = (day: string, slot: string, hours: string) => `(${day}::timestamp + make_interval(hours => (${hours}::int[])[${slot} + 1])) AT TIME ZONE 'UTC'`;

// $1 jobs, $2 now, $3 slot hours. Candidates: tickets at a location that went to the field team, or to technical support
// and needed a visit (three in ten); resolved ones opened at least two days ago, so that the visit came before the resolution.
// Jobs of resolved tickets are DONE (a few CANCELLED); those of active tickets are SCHEDULED until their slot, then DONE.
const PLAN_DISPATCH = `
  WITH job AS (
    SELECT t.id AS ticket_id, t.number, t.customer_id, t.location_id, t.language, t.created_at, t.active,
      pg_temp.scale_id('dispatch/' || t.id) AS id, t.created_at::date + 1 AS day, pg_temp.scale_int('slot/' || t.id, 0, 3) AS slot,
      CASE WHEN pg_temp.scale_rand('crew/' || t.id) < 0.15 THEN 2 ELSE 1 END AS crew
    FROM pg_temp.support_ticket_plan t
    WHERE t.location_id IS NOT NULL
      AND (t.department = 'FIELD_SERVICE' OR (t.department = 'TECHNICAL_SUPPORT' AND pg_temp.scale_rand('visit/' || t.id) < 0.3))
      AND (t.active OR t.created_at < $2::timestamptz - interval '2 days')
    ORDER BY pg_temp.scale_rand('dispatch/' || t.id), t.id
    LIMIT $1
  ), timed AS (
    SELECT j.*, ${slotStart('j.day', 'j.slot', '$3')} AS scheduled_start FROM job j
  )
  SELECT (row_number() OVER (ORDER BY t.number) - 1)::int AS n, t.*, t.scheduled_start + interval '2 hours' AS scheduled_end,
    CASE WHEN NOT t.active THEN CASE WHEN pg_temp.scale_rand('cancelled/' || t.id) < 0.04 THEN 'CANCELLED' ELSE 'DONE' END
      WHEN t.scheduled_start > $2::timestamptz THEN 'SCHEDULED'
      WHEN t.scheduled_start + interval '2 hours' > $2::timestamptz THEN 'ON_SITE' ELSE 'DONE' END AS status
  FROM timed t`;

// $1 slot hours. Every visit (the dispatch jobs, and the legacy work orders spread over each customer's tenure, one
// technician each) with its crew's first rank in the field team: visits of one slot take consecutive ranks.
const PLAN_VISITS = `
  WITH legacy AS (
    SELECT s.*, pg_temp.scale_id('legacy-work-order/' || s.idx || '/' || s.k) AS id,
      (s.since + (s.ended - interval '2 days' - s.since) * ((s.k + pg_temp.scale_rand('legacy-day/' || s.idx || '/' || s.k)) / s.count))::date AS day,
      pg_temp.scale_int('legacy-slot/' || s.idx || '/' || s.k, 0, 3) AS slot
    FROM pg_temp.support_legacy_share s
  ), visit AS (
    SELECT d.id, 'JOB' AS kind, d.customer_id, d.location_id, d.ticket_id, d.language, d.day, d.slot, d.crew, d.status, NULL::int AS legacy_n
    FROM pg_temp.support_dispatch_plan d
    UNION ALL
    SELECT l.id, 'LEGACY', l.customer_id, l.location_ids[1 + l.k % cardinality(l.location_ids)], NULL, l.language, l.day, l.slot, 1, 'DONE', l.n
    FROM legacy l
  )
  SELECT v.*, ${slotStart('v.day', 'v.slot', '$1')} AS start,
    (sum(v.crew) OVER (PARTITION BY v.day, v.slot ORDER BY v.id) - v.crew)::int AS crew_from
  FROM visit v`;

const INSERT_JOBS = insertPlannedSql('support.dispatch_job', 'support_dispatch_plan',
  ['id', 'ticket_id', 'location_id', 'scheduled_start', 'scheduled_end', 'status', 'created_at'],
  { updated_at: `CASE p.status WHEN 'DONE' THEN p.scheduled_end WHEN 'CANCELLED' THEN p.created_at + interval '1 hour' ELSE p.created_at END` });

// The field technicians of each visit: ranks crew_from.. of the team, turned by the slot so that work spreads over everyone.
const PLAN_CREWS = `
  SELECT v.id AS visit_id, v.kind, v.start, c.position, tech.id AS technician_id
  FROM pg_temp.support_visit_plan v
  CROSS JOIN LATERAL generate_series(0, v.crew - 1) AS c(position)
  JOIN pg_temp.support_team team ON team.department = 'FIELD_SERVICE'
  JOIN pg_temp.support_technician tech ON tech.department = 'FIELD_SERVICE'
    AND tech.rank = (v.crew_from + c.position + pg_temp.scale_int('turn/' || v.day || '/' || v.slot, 0, 1000000)) % team.size`;

const PLAN_ASSIGNMENTS = `
  SELECT (row_number() OVER (ORDER BY d.n, c.position) - 1)::int AS n, d.id AS dispatch_job_id, c.technician_id, c.position,
    tstzrange(d.scheduled_start, d.scheduled_end, '[)') AS scheduled, d.status = 'CANCELLED' AS released
  FROM pg_temp.support_dispatch_plan d JOIN pg_temp.support_crew_plan c ON c.visit_id = d.id`;

const INSERT_ASSIGNMENTS = insertPlannedSql('support.dispatch_assignment', 'support_assignment_plan',
  ['dispatch_job_id', 'technician_id', 'position', 'scheduled', 'released']);

// A work order per completed visit: each technician of the crew arrived within half an hour of the slot's start and stayed
// 35 to 90 minutes (times to the second, never beyond the slot); up to two different parts (by language), a few network cables.
const PLAN_WORK_ORDERS = `
  SELECT (row_number() OVER (ORDER BY v.start, v.id) - 1)::int AS n, v.*,
    CASE WHEN v.kind = 'JOB' THEN pg_temp.scale_id('work-order/' || v.id) ELSE v.id END AS work_order_id,
    CASE WHEN v.kind = 'LEGACY' THEN 'BT-' || (10000 + v.legacy_n) END AS external_id,
    pg_temp.scale_rand('billable/' || v.id) < 0.6 AS billable
  FROM pg_temp.support_visit_plan v
  WHERE v.status = 'DONE'`;

const PLAN_WORK_ORDER_VISITS = `
  SELECT (row_number() OVER (ORDER BY w.n, c.position) - 1)::int AS n, w.work_order_id, c.position, c.technician_id, x.arrived_at,
    x.arrived_at + make_interval(secs => pg_temp.scale_int('stay/' || w.id || '/' || c.position, 35 * 60, 90 * 60)) AS departed_at
  FROM pg_temp.support_work_order_plan w
  JOIN pg_temp.support_crew_plan c ON c.visit_id = w.id
  CROSS JOIN LATERAL (SELECT w.start + make_interval(secs => pg_temp.scale_int('arrive/' || w.id || '/' || c.position, 0, 30 * 60)) AS arrived_at) x`;

const PLAN_WORK_ORDER_ITEMS = `
  SELECT (row_number() OVER (ORDER BY w.n, i.line_no) - 1)::int AS n, w.work_order_id, i.line_no, p.part ->> 0 AS product_code,
    p.part ->> 1 AS description, CASE WHEN p.part ->> 0 = 'CBL-CAT6-15' THEN pg_temp.scale_int('cables/' || w.id, 1, 3) ELSE 1 END AS quantity,
    (p.part ->> 2)::numeric AS unit_price
  FROM pg_temp.support_work_order_plan w
  CROSS JOIN LATERAL (SELECT $1::jsonb -> w.language AS parts, pg_temp.scale_int('part/' || w.id, 0, 4) AS first) f
  CROSS JOIN LATERAL generate_series(0, pg_temp.scale_int('items/' || w.id, 0, 2) - 1) AS i(line_no)
  CROSS JOIN LATERAL (SELECT f.parts -> ((f.first + i.line_no * (1 + pg_temp.scale_int('second-part/' || w.id, 0, 3))) % 5) AS part) p`;

// $1 tenant, $2..$3 plan rows. Priced with the tenant's stored profile.
const INSERT_WORK_ORDERS = `
  WITH profile AS (
    SELECT currency, labour_rate, taxes FROM support.work_order_profile WHERE tenant_id = $1
  ), work_order AS (
    SELECT w.*, s.started_at, s.completed_at, s.labour + coalesce(i.items, 0) AS subtotal
    FROM pg_temp.support_work_order_plan w
    CROSS JOIN profile
    CROSS JOIN LATERAL (
      SELECT min(v.arrived_at) AS started_at, max(v.departed_at) AS completed_at,
        sum(round(round(extract(epoch FROM v.departed_at - v.arrived_at) / 3600, 2) * profile.labour_rate, 2)) AS labour
      FROM pg_temp.support_wo_visit_plan v WHERE v.work_order_id = w.work_order_id) s
    LEFT JOIN LATERAL (
      SELECT sum(round(it.quantity * it.unit_price, 2)) AS items FROM pg_temp.support_wo_item_plan it WHERE it.work_order_id = w.work_order_id) i ON true
    WHERE w.n >= $2 AND w.n < $3
  ), taxed AS (
    SELECT w.n, coalesce(jsonb_agg(jsonb_build_object('code', t.tax ->> 'code', 'name', t.tax ->> 'name', 'rate', t.tax ->> 'rate',
        'amount', round(w.subtotal * (t.tax ->> 'rate')::numeric, 2)::text) ORDER BY t.position) FILTER (WHERE t.tax IS NOT NULL), '[]') AS taxes,
      coalesce(sum(round(w.subtotal * (t.tax ->> 'rate')::numeric, 2)), 0) AS tax_total
    FROM work_order w CROSS JOIN profile
    LEFT JOIN LATERAL jsonb_array_elements(profile.taxes) WITH ORDINALITY AS t(tax, position) ON true
    GROUP BY w.n
  )
  INSERT INTO support.work_order (id, tenant_id, external_id, customer_id, location_id, ticket_id, dispatch_job_id, started_at, status, billable,
    currency, labour_rate, subtotal, taxes, tax_total, total, completed_at, created_at, updated_at)
  SELECT w.work_order_id, $1, w.external_id, w.customer_id, w.location_id, w.ticket_id, CASE WHEN w.kind = 'JOB' THEN w.id END, w.started_at,
    'COMPLETED', w.billable, p.currency, p.labour_rate, w.subtotal, x.taxes, x.tax_total, w.subtotal + x.tax_total,
    w.completed_at, w.started_at, w.completed_at
  FROM work_order w CROSS JOIN profile p JOIN taxed x ON x.n = w.n
  ORDER BY w.n
  ON CONFLICT DO NOTHING`;

const INSERT_VISITS = insertPlannedSql('support.work_order_visit', 'support_wo_visit_plan',
  ['work_order_id', 'position', 'technician_id', 'arrived_at', 'departed_at']);

const INSERT_ITEMS = insertPlannedSql('support.work_order_item', 'support_wo_item_plan',
  ['work_order_id', 'line_no', 'product_code', 'description', 'quantity', 'unit_price']);
