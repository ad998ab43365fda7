import { ISP_SIZE, SCALE_NOW, SCALE_STAFF, insertPlannedSql, planned, shareSql, weighted, type ScaleSession } from '@c360/kit';
import type { SuspensionReason } from '../modules/status/suspension.entity.ts';

const CHUNK = 10_000;
/** Who suspends for non-payment: billing's collection jobs. */
const COLLECTIONS = 'system:billing-jobs';
const LIFTED_REASONS = weighted<SuspensionReason>({ NON_PAYMENT: 8, CUSTOMER_REQUEST: 3, ABUSE: 1, OTHER: 1 });

/**
 * The suspensions (1 049 at scale 1, as the reference ISP): one in force for
 * each customer the plan suspends (for non-payment, they are SUSPENDED), and
 * lifted ones in the past of other customers, a customer's suspensions never
 * overlapping. Then the change history the domain writes for each of these
 * changes (`StatusService`): the suspension's fields and the customer's status
 * when suspended, the lift and the status back to ACTIVE when lifted, and the
 * status INACTIVE of the customers who left.
 */
export async function seedSuspensions(session: ScaleSession): Promise<void> {
  const { plan, tenantId } = session;
  const total = planned(plan, ISP_SIZE.suspensions);
  const current = plan.customers.filter((customer) => customer.suspendedSince).length;
  if (current > total) throw new Error(`The plan suspends ${current} customers, more than the ${total} suspensions planned`);
  await session.planTable('customers_suspension_plan', PLAN_SUSPENSIONS, [total - current, SCALE_NOW, LIFTED_REASONS, COLLECTIONS, SCALE_STAFF]);
  await session.fill('customers.suspension', total, CHUNK, (from, to) => session.insert(INSERT_SUSPENSIONS, [tenantId, from, to]));

  const changes = await session.planTable('customers_change_plan', PLAN_CHANGES);
  await session.fill('customers.change_record', changes, CHUNK * 2,
    (from, to) => session.insert(INSERT_CHANGES, [tenantId, from, to]));
}

// $1 lifted suspensions to plan, $2 now, $3 their reasons, $4 collections, $5 staff. The j-th lifted suspension of a customer
// lies in the j-th slice of their history before the suspension in force (or departure, or "now"), two days to three weeks
// long but at most a third of its slice; times are whole seconds, as the change history writes them.
const PLAN_SUSPENSIONS = `
  WITH owner AS (
    SELECT c.*, coalesce(c.suspended_since, c.until, $2::timestamptz) AS window_end,
      CASE WHEN c.heavy THEN 0
        ELSE extract(epoch FROM coalesce(c.suspended_since, c.until, $2::timestamptz) - c.since) * -ln(1 - pg_temp.scale_rand('suspensions/' || c.idx)) END AS weight
    FROM pg_temp.scale_customer c
  ), counted AS (
    SELECT o.*, ${shareSql('$1::int', 'o.weight', 'o.idx')} AS lifted FROM owner o
  ), suspension AS (
    SELECT c.idx, c.id AS customer_id, c.language, j.j AS k, s.suspended_at,
      date_trunc('second', s.suspended_at + least(make_interval(days => pg_temp.scale_int('length/' || c.idx || '/' || j.j, 2, 21)), s.slice / 3)) AS lifted_at,
      pg_temp.scale_pick('reason/' || c.idx || '/' || j.j, $3::text[]) AS reason
    FROM counted c CROSS JOIN LATERAL generate_series(0, c.lifted - 1) AS j(j)
    CROSS JOIN LATERAL (SELECT (c.window_end - c.since) / c.lifted AS slice) w
    CROSS JOIN LATERAL (SELECT date_trunc('second', c.since + w.slice * (j.j + 0.1 + 0.5 * pg_temp.scale_rand('start/' || c.idx || '/' || j.j))) AS suspended_at, w.slice) s
    UNION ALL
    SELECT c.idx, c.id, c.language, c.lifted, date_trunc('second', c.suspended_since), NULL, 'NON_PAYMENT'
    FROM counted c WHERE c.suspended_since IS NOT NULL
  )
  SELECT (row_number() OVER (ORDER BY s.suspended_at, s.idx, s.k) - 1)::int AS n, s.*,
    pg_temp.scale_id('suspension/' || s.idx || '/' || s.k) AS id,
    CASE s.reason
      WHEN 'NON_PAYMENT' THEN CASE s.language WHEN 'en' THEN 'Balance unpaid for over 60 days.' ELSE 'Solde impayé depuis plus de 60 jours.' END
      WHEN 'CUSTOMER_REQUEST' THEN CASE s.language WHEN 'en' THEN 'Away for the season.' ELSE 'Absent pour la saison.' END
    END AS note,
    CASE WHEN s.reason = 'CUSTOMER_REQUEST' THEN s.lifted_at::date END AS planned_end_on,
    CASE WHEN s.reason = 'NON_PAYMENT' THEN $4 ELSE pg_temp.scale_pick('suspended-by/' || s.idx || '/' || s.k, $5::text[]) END AS suspended_by,
    CASE WHEN s.lifted_at IS NOT NULL THEN pg_temp.scale_pick('lifted-by/' || s.idx || '/' || s.k, $5::text[]) END AS lifted_by,
    CASE WHEN s.lifted_at IS NOT NULL AND s.reason = 'NON_PAYMENT'
      THEN CASE s.language WHEN 'en' THEN 'Payment received.' ELSE 'Paiement reçu.' END END AS lift_note
  FROM suspension s`;

/** Legacy ids S-000001... follow time. */
const INSERT_SUSPENSIONS = insertPlannedSql('customers.suspension', 'customers_suspension_plan',
  ['id', 'customer_id', 'reason', 'note', 'planned_end_on', 'suspended_at', 'suspended_by', 'lifted_at', 'lifted_by', 'lift_note'],
  { starts_on: 'p.suspended_at::date', external_id: `'S-' || lpad((p.n + 1)::text, 6, '0')` });

/** An instant as change history writes it (`toISOString`). */
const iso = (sql: string) => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Each change as `CustomerWrite` records it: one row per field whose value changed, under one operation id. Suspending
// records the new suspension's fields (those with a value) and the status; lifting, the lift's fields and the status.
const PLAN_CHANGES = `
  WITH suspend AS (
    SELECT p.customer_id, p.id AS entity_id, p.suspended_at AS changed_at, p.suspended_by AS changed_by, 'suspend' AS operation, f.*
    FROM pg_temp.customers_suspension_plan p
    CROSS JOIN LATERAL (VALUES
      (1, 'SUSPENSION', 'CREATED', 'suspension.reason', NULL, p.reason),
      (2, 'SUSPENSION', 'CREATED', 'suspension.note', NULL, p.note),
      (3, 'SUSPENSION', 'CREATED', 'suspension.startsOn', NULL, p.suspended_at::date::text),
      (4, 'SUSPENSION', 'CREATED', 'suspension.plannedEndOn', NULL, p.planned_end_on::text),
      (5, 'SUSPENSION', 'CREATED', 'suspension.suspendedBy', NULL, p.suspended_by),
      (6, 'CUSTOMER', 'UPDATED', 'status', 'ACTIVE', 'SUSPENDED')
    ) AS f(position, entity_type, action, field, before, after)
  ), lift AS (
    SELECT p.customer_id, p.id, p.lifted_at, p.lifted_by, 'lift', f.*
    FROM pg_temp.customers_suspension_plan p
    CROSS JOIN LATERAL (VALUES
      (1, 'SUSPENSION', 'UPDATED', 'suspension.liftedAt', NULL, ${iso('p.lifted_at')}),
      (2, 'SUSPENSION', 'UPDATED', 'suspension.liftedBy', NULL, p.lifted_by),
      (3, 'SUSPENSION', 'UPDATED', 'suspension.liftNote', NULL, p.lift_note),
      (4, 'CUSTOMER', 'UPDATED', 'status', 'SUSPENDED', 'ACTIVE')
    ) AS f(position, entity_type, action, field, before, after)
    WHERE p.lifted_at IS NOT NULL
  ), deactivate AS (
    SELECT c.id, c.id, date_trunc('second', c.until), 'agent:retention', 'deactivate', 1, 'CUSTOMER', 'UPDATED', 'status', 'ACTIVE', 'INACTIVE'
    FROM pg_temp.scale_customer c WHERE c.until IS NOT NULL
  ), change AS (
    SELECT * FROM suspend UNION ALL SELECT * FROM lift UNION ALL SELECT * FROM deactivate
  )
  SELECT (row_number() OVER (ORDER BY c.changed_at, c.entity_id, c.operation, c.position) - 1)::int AS n, c.*,
    pg_temp.scale_id('change/' || c.operation || '/' || c.entity_id) AS operation_id,
    pg_temp.scale_id('change/' || c.operation || '/' || c.entity_id || '/' || c.position) AS id
  FROM change c
  WHERE c.after IS DISTINCT FROM c.before`;

const INSERT_CHANGES = insertPlannedSql('customers.change_record', 'customers_change_plan',
  ['id', 'customer_id', 'entity_type', 'entity_id', 'action', 'field', 'before', 'after', 'changed_by', 'changed_at', 'operation_id']);
