import { ISP_SIZE, SCALE_NOW, planned, shareSql, sqlTextArray, weighted, type ScaleSession } from '@c360/kit';
import { SUBJECTS } from './demo.ts';
import type { TicketChannel, TicketPriority, TicketStatus } from './modules/ticket/ticket.entity.ts';

const CHUNK = 10_000;
/** Tickets of a heavy-tail account over its ten years. */
const HEAVY_TICKETS = { min: 100, max: 160 };

/**
 * The tenant's tickets: the heavy tail has 100 to 160 each, the other
 * customers share the rest in proportion to their tenure times a per-customer
 * propensity (most call rarely, a few often). Tickets spread over each
 * customer's tenure; those of the last three weeks are often still active, the
 * others resolved or closed. Numbers follow creation time across the tenant
 * and the counter is moved past them, so tickets opened live continue without
 * a gap.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  const total = planned(session.plan, ISP_SIZE.tickets);
  const bar = session.bar('support.ticket', total);
  const existing = await session.existing('support.ticket');
  if (existing >= total) return bar.skip(existing);
  await session.query(
    `INSERT INTO support.ticket_counter AS c (tenant_id, last_number) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = greatest(c.last_number, excluded.last_number)`,
    [session.tenantId, total],
  );
  await session.query(PLAN_TICKETS, [SCALE_NOW, total, HEAVY_TICKETS.min, HEAVY_TICKETS.max]);
  await session.query('CREATE INDEX ON pg_temp.support_ticket_plan (number)');
  await session.inChunks(total, CHUNK, async (from, to) => {
    const [row] = await session.query<{ inserted: number }>(INSERT_TICKETS, [session.tenantId, from, to, SCALE_NOW, JSON.stringify(SUBJECTS)]);
    bar.advance(to - from, row?.inserted ?? 0);
  });
  await session.analyze(['support.ticket']);
}

const ACTIVE = weighted<TicketStatus>({ OPEN: 6, IN_PROGRESS: 3, WAITING_CUSTOMER: 2 });
const DONE = weighted<TicketStatus>({ RESOLVED: 3, CLOSED: 7 });
const PRIORITIES = weighted<TicketPriority>({ LOW: 3, NORMAL: 12, HIGH: 4, URGENT: 1 });
const CHANNELS = weighted<TicketChannel>({ PHONE: 11, PORTAL: 5, EMAIL: 4 });

// $1 now, $2 tickets to plan, $3..$4 tickets of a heavy-tail account.
const PLAN_TICKETS = `
  CREATE TEMP TABLE support_ticket_plan AS
  WITH habit AS (
    SELECT c.idx, c.id AS customer_id, c.location_ids, c.language, c.since, coalesce(c.until, $1::timestamptz) AS ended,
      CASE WHEN c.heavy THEN pg_temp.scale_int('heavy/' || c.idx, $3, $4) ELSE 0 END AS heavy_count,
      -- Exponential propensity: many customers almost never call, a few call often.
      CASE WHEN c.heavy THEN 0 ELSE extract(epoch FROM coalesce(c.until, $1::timestamptz) - c.since) * -ln(1 - pg_temp.scale_rand('calls/' || c.idx)) END AS weight
    FROM pg_temp.scale_customer c
  ), counted AS (
    SELECT h.*, h.heavy_count + ${shareSql('($2::int - sum(h.heavy_count) OVER ())', 'h.weight', 'h.idx')} AS ticket_count
    FROM habit h
  )
  SELECT row_number() OVER (ORDER BY t.created_at, t.id) AS number, t.*
  FROM (
    SELECT c.idx, c.customer_id, c.location_ids, c.language, j.j, pg_temp.scale_id('ticket/' || c.idx || '/' || j.j) AS id,
      -- Stratified over the tenure: the j-th ticket falls in the j-th slice of it.
      c.since + (c.ended - c.since) * ((j.j + pg_temp.scale_rand('when/' || c.idx || '/' || j.j)) / c.ticket_count) AS created_at
    FROM counted c CROSS JOIN LATERAL generate_series(0, c.ticket_count - 1) AS j(j)
  ) t`;

// $1 tenant, $2..$3 numbers (exclusive, inclusive), $4 now, $5 subjects by language.
const INSERT_TICKETS = `
  WITH ticket AS (
    SELECT p.*,
      p.created_at > $4::timestamptz - interval '21 days' AND pg_temp.scale_rand('active/' || p.id) < 0.6 AS active,
      pg_temp.scale_int('subject/' || p.id, 0, jsonb_array_length($5::jsonb -> p.language) - 1) AS subject_no
    FROM pg_temp.support_ticket_plan p
    WHERE p.number > $2 AND p.number <= $3
  ), dated AS (
    SELECT t.*,
      CASE WHEN t.active THEN NULL
        ELSE least($4::timestamptz, t.created_at + make_interval(hours => pg_temp.scale_int('resolved/' || t.id, 1, 96))) END AS resolved_at
    FROM ticket t
  ), inserted AS (
    INSERT INTO support.ticket (id, tenant_id, number, customer_id, location_id, subject, description, status, priority, channel,
      created_at, updated_at, resolved_at)
    SELECT d.id, $1, d.number, d.customer_id,
      CASE WHEN pg_temp.scale_rand('at-location/' || d.id) < 0.5 THEN pg_temp.scale_pick('location/' || d.id, d.location_ids) END,
      $5::jsonb -> d.language -> d.subject_no ->> 0, $5::jsonb -> d.language -> d.subject_no ->> 1,
      pg_temp.scale_pick('status/' || d.id, CASE WHEN d.active THEN ${sqlTextArray(ACTIVE)} ELSE ${sqlTextArray(DONE)} END),
      pg_temp.scale_pick('priority/' || d.id, ${sqlTextArray(PRIORITIES)}),
      pg_temp.scale_pick('channel/' || d.id, ${sqlTextArray(CHANNELS)}),
      d.created_at, coalesce(d.resolved_at, d.created_at), d.resolved_at
    FROM dated d ORDER BY d.number
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM inserted`;
