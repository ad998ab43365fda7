import { ISP_SIZE, SCALE_NOW, planned, shareSql, sqlTextArray, weighted, type ScaleSession } from '@c360/kit';
import { WORDING } from '../demo-conversation.ts';
import { SUBJECTS, SUBJECT_DEPARTMENTS } from '../demo.ts';
import type { TicketChannel, TicketPriority, TicketStatus } from '../modules/ticket/ticket.entity.ts';

const CHUNK = 10_000;
/** Tickets of a heavy-tail account over its ten years. */
const HEAVY_TICKETS = { min: 100, max: 160 };

const ACTIVE = weighted<TicketStatus>({ OPEN: 6, IN_PROGRESS: 3, WAITING_CUSTOMER: 2 });
const DONE = weighted<TicketStatus>({ RESOLVED: 3, CLOSED: 7 });
const PRIORITIES = weighted<TicketPriority>({ LOW: 3, NORMAL: 12, HIGH: 4, URGENT: 1 });
const CHANNELS = weighted<TicketChannel>({ PHONE: 11, PORTAL: 5, EMAIL: 4 });

/**
 * Plans the tenant's tickets (`support_ticket_plan`): the heavy tail has 100 to
 * 160 each, the other customers share the rest in proportion to their tenure
 * times a per-customer propensity (most call rarely, a few often). Tickets
 * spread over each customer's tenure; those of the last three weeks are often
 * still active, the others resolved or closed. Each goes to the team its
 * subject calls for. Numbers follow creation time across the tenant.
 */
export async function planTickets(session: ScaleSession): Promise<number> {
  const total = planned(session.plan, ISP_SIZE.tickets);
  await session.planTable('support_ticket_plan', PLAN_TICKETS,
    [SCALE_NOW, total, HEAVY_TICKETS.min, HEAVY_TICKETS.max, JSON.stringify(SUBJECTS), JSON.stringify(SUBJECT_DEPARTMENTS)], ['number', 'id']);
  return total;
}

/**
 * The tickets, assigned once answered to a technician of their team, then
 * their conversations as the demo writes them: the customer's request, the
 * first answer at the first-response time, now and then an internal note, a
 * closing message once resolved. The counter is moved past the numbers first,
 * so that tickets opened live continue without a gap. Needs the technicians
 * (`support_technician`, `support_team`).
 */
export async function seedTickets(session: ScaleSession, total: number): Promise<void> {
  const { tenantId } = session;
  await session.query(
    `INSERT INTO support.ticket_counter AS c (tenant_id, last_number) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = greatest(c.last_number, excluded.last_number)`,
    [tenantId, total],
  );
  const messages = await session.planTable('support_message_plan', PLAN_MESSAGES);
  await session.bulkLoad({ 'support.ticket': total, 'support.ticket_message': messages }, async () => {
    await session.fill('support.ticket', total, CHUNK, (from, to) => session.insert(INSERT_TICKETS, [tenantId, from, to, JSON.stringify(SUBJECTS)]));
    await session.fill('support.ticket_message', messages, CHUNK * 3,
      (from, to) => session.insert(INSERT_MESSAGES, [tenantId, from, to, JSON.stringify(SUBJECTS), JSON.stringify(WORDING)]));
  });
}

// $1 now, $2 tickets to plan, $3..$4 tickets of a heavy-tail account, $5 subjects by language, $6 departments by subject.
const PLAN_TICKETS = `
  WITH habit AS (
    SELECT c.idx, c.id AS customer_id, c.location_ids, c.language, c.since, coalesce(c.until, $1::timestamptz) AS ended,
      CASE WHEN c.heavy THEN pg_temp.scale_int('heavy/' || c.idx, $3, $4) ELSE 0 END AS heavy_count,
      -- Exponential propensity: many customers almost never call, a few call often.
      CASE WHEN c.heavy THEN 0 ELSE extract(epoch FROM coalesce(c.until, $1::timestamptz) - c.since) * -ln(1 - pg_temp.scale_rand('calls/' || c.idx)) END AS weight
    FROM pg_temp.scale_customer c
  ), counted AS (
    SELECT h.*, h.heavy_count + ${shareSql('($2::int - sum(h.heavy_count) OVER ())', 'h.weight', 'h.idx')} AS ticket_count
    FROM habit h
  ), ticket AS (
    SELECT row_number() OVER (ORDER BY t.created_at, t.id) AS number, t.*
    FROM (
      SELECT c.idx, c.customer_id, c.location_ids, c.language, j.j, pg_temp.scale_id('ticket/' || c.idx || '/' || j.j) AS id,
        -- Stratified over the tenure: the j-th ticket falls in the j-th slice of it.
        c.since + (c.ended - c.since) * ((j.j + pg_temp.scale_rand('when/' || c.idx || '/' || j.j)) / c.ticket_count) AS created_at
      FROM counted c CROSS JOIN LATERAL generate_series(0, c.ticket_count - 1) AS j(j)
    ) t
  ), shaped AS (
    SELECT t.*,
      t.created_at > $1::timestamptz - interval '21 days' AND pg_temp.scale_rand('active/' || t.id) < 0.6 AS active,
      pg_temp.scale_int('subject/' || t.id, 0, jsonb_array_length($5::jsonb -> t.language) - 1) AS subject_no,
      CASE WHEN pg_temp.scale_rand('at-location/' || t.id) < 0.5 THEN pg_temp.scale_pick('location/' || t.id, t.location_ids) END AS location_id
    FROM ticket t
  ), dated AS (
    SELECT s.*, $6::jsonb ->> s.subject_no AS department,
      pg_temp.scale_pick('status/' || s.id, CASE WHEN s.active THEN ${sqlTextArray(ACTIVE)} ELSE ${sqlTextArray(DONE)} END) AS status,
      CASE WHEN s.active THEN NULL
        ELSE least($1::timestamptz, s.created_at + make_interval(hours => pg_temp.scale_int('resolved/' || s.id, 1, 96))) END AS resolved_at
    FROM shaped s
  )
  SELECT d.*,
    -- Answered within four hours, before the resolution.
    CASE WHEN d.status <> 'OPEN' THEN least(d.created_at + make_interval(mins => pg_temp.scale_int('answered/' || d.id, 5, 240)),
      d.resolved_at - interval '2 minutes', $1::timestamptz) END AS first_response_at
  FROM dated d`;

/** Who a ticket (`t`, its id `ticketId`) is assigned to once answered: a technician of its team, by hash. */
const assignee = (ticketId: string) => `
  LEFT JOIN pg_temp.support_team team ON team.department = t.department
  LEFT JOIN pg_temp.support_technician tech ON t.first_response_at IS NOT NULL AND tech.department = t.department
    AND tech.rank = floor(pg_temp.scale_rand('assignee/' || ${ticketId}) * team.size)`;

// $1 tenant, $2..$3 numbers (exclusive, inclusive), $4 subjects by language.
const INSERT_TICKETS = `
  INSERT INTO support.ticket (id, tenant_id, number, customer_id, location_id, subject, description, status, priority, channel,
    department, assignee_id, first_response_at, created_at, updated_at, resolved_at)
  SELECT t.id, $1, t.number, t.customer_id, t.location_id,
    $4::jsonb -> t.language -> t.subject_no ->> 0, $4::jsonb -> t.language -> t.subject_no ->> 1, t.status,
    pg_temp.scale_pick('priority/' || t.id, ${sqlTextArray(PRIORITIES)}),
    pg_temp.scale_pick('channel/' || t.id, ${sqlTextArray(CHANNELS)}),
    t.department, tech.id, t.first_response_at, t.created_at, coalesce(t.resolved_at, t.created_at), t.resolved_at
  FROM pg_temp.support_ticket_plan t ${assignee('t.id')}
  WHERE t.number > $2 AND t.number <= $3
  ORDER BY t.number
  ON CONFLICT DO NOTHING`;

// 0: the request, 1: the first answer, 2: an internal note (three tickets in ten), 3: the closing message.
const PLAN_MESSAGES = `
  SELECT (row_number() OVER (ORDER BY t.number, m.k) - 1)::int AS n, t.id AS ticket_id, t.language, t.subject_no, t.department,
    t.created_at, t.first_response_at, t.resolved_at, m.k
  FROM pg_temp.support_ticket_plan t
  CROSS JOIN (VALUES (0), (1), (2), (3)) AS m(k)
  WHERE m.k = 0 OR (m.k = 1 AND t.first_response_at IS NOT NULL) OR (m.k = 2 AND pg_temp.scale_rand('note/' || t.id) < 0.3)
    OR (m.k = 3 AND t.resolved_at IS NOT NULL)`;

// $1 tenant, $2..$3 plan rows, $4 subjects by language, $5 wording by language.
const INSERT_MESSAGES = `
  INSERT INTO support.ticket_message (id, tenant_id, ticket_id, internal, direction, author_name, body, created_at)
  SELECT pg_temp.scale_id('ticket-message/' || t.ticket_id || '/' || t.k), $1, t.ticket_id, t.k = 2,
    CASE t.k WHEN 0 THEN 'INBOUND' WHEN 2 THEN NULL ELSE 'OUTBOUND' END,
    CASE WHEN t.k = 0 THEN w.words ->> 'customer' ELSE coalesce(tech.name, w.words ->> 'team') END,
    CASE t.k
      WHEN 0 THEN coalesce($4::jsonb -> t.language -> t.subject_no ->> 1, $4::jsonb -> t.language -> t.subject_no ->> 0)
      WHEN 1 THEN w.words -> 'replies' ->> pg_temp.scale_int('reply/' || t.ticket_id, 0, jsonb_array_length(w.words -> 'replies') - 1)
      WHEN 2 THEN w.words -> 'notes' ->> pg_temp.scale_int('note-body/' || t.ticket_id, 0, jsonb_array_length(w.words -> 'notes') - 1)
      ELSE w.words ->> 'resolved' END,
    CASE t.k WHEN 0 THEN t.created_at WHEN 1 THEN t.first_response_at WHEN 2 THEN t.created_at + interval '2 minutes'
      ELSE t.resolved_at - interval '1 minute' END
  FROM pg_temp.support_message_plan t
  CROSS JOIN LATERAL (SELECT $5::jsonb -> t.language AS words) w
  ${assignee('t.ticket_id')}
  WHERE t.n >= $2 AND t.n < $3
  ORDER BY t.n
  ON CONFLICT DO NOTHING`;
