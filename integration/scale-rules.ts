/**
 * The rules scale data keeps, as SQL counting the rows that break each one
 * (`$1` is the tenant): every count must be zero. Read through the admin
 * connection, across the four schemas, so that the rules that span domains
 * (ids, statuses, addresses) are checked too.
 */

/** "Now" of the scale data. */
const NOW = `'2026-11-01T00:00:00Z'::timestamptz`;

export const BILLING_RULES: Record<string, string> = {
  'invoice subtotal ≠ its lines': `SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1
    AND i.subtotal <> (SELECT sum(amount) FROM billing.invoice_line l WHERE l.invoice_id = i.id)`,
  'tax ≠ subtotal × rate rounded half-up': `SELECT count(*) FROM billing.invoice_tax x JOIN billing.invoice i ON i.id = x.invoice_id
    WHERE i.tenant_id = $1 AND x.amount <> round(i.subtotal * x.rate, 2)`,
  'invoice tax total ≠ its taxes': `SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1
    AND i.tax_total <> (SELECT sum(amount) FROM billing.invoice_tax x WHERE x.invoice_id = i.id)`,
  'invoice paid ≠ its allocations': `SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1
    AND i.paid_amount <> coalesce((SELECT sum(amount) FROM billing.payment_allocation a WHERE a.invoice_id = i.id), 0)`,
  'payment allocated ≠ its allocations': `SELECT count(*) FROM billing.payment p WHERE p.tenant_id = $1
    AND p.allocated_amount <> (SELECT sum(amount) FROM billing.payment_allocation a WHERE a.payment_id = p.id)`,
  'PAID ≠ fully paid': `SELECT count(*) FROM billing.invoice WHERE tenant_id = $1 AND (status = 'PAID') <> (paid_amount = total)`,
  'invoice numbers not consecutive in issue order': `SELECT count(*) FROM (
    SELECT substr(number, 5)::int AS n, row_number() OVER (ORDER BY issued_at, id) AS expected FROM billing.invoice WHERE tenant_id = $1) i
    WHERE n <> expected`,
  'quote section subtotal ≠ its lines': `SELECT count(*) FROM billing.quote q WHERE q.tenant_id = $1 AND (
    q.one_time_subtotal <> coalesce((SELECT sum(amount) FROM billing.quote_line l WHERE l.quote_id = q.id AND l.section = 'ONE_TIME'), 0)
    OR q.monthly_subtotal <> coalesce((SELECT sum(amount) FROM billing.quote_line l WHERE l.quote_id = q.id AND l.section = 'MONTHLY'), 0))`,
  'quote tax ≠ section subtotal × rate, or tax totals ≠ taxes': `SELECT count(*) FROM billing.quote q WHERE q.tenant_id = $1 AND (
    EXISTS (SELECT FROM billing.quote_tax x WHERE x.quote_id = q.id
      AND x.amount <> round(CASE x.section WHEN 'ONE_TIME' THEN q.one_time_subtotal ELSE q.monthly_subtotal END * x.rate, 2))
    OR q.one_time_tax_total <> (SELECT sum(amount) FROM billing.quote_tax x WHERE x.quote_id = q.id AND x.section = 'ONE_TIME')
    OR q.monthly_tax_total <> (SELECT sum(amount) FROM billing.quote_tax x WHERE x.quote_id = q.id AND x.section = 'MONTHLY'))`,
  'quote or contract numbers not consecutive in time': `SELECT
    (SELECT count(*) FROM (SELECT substr(number, 5)::int AS n, row_number() OVER (ORDER BY quoted_on, id) AS expected
      FROM billing.quote WHERE tenant_id = $1) q WHERE n <> expected)
    + (SELECT count(*) FROM (SELECT substr(number, 5)::int AS n, row_number() OVER (ORDER BY start_date, id) AS expected
      FROM billing.contract WHERE tenant_id = $1) c WHERE n <> expected)`,
  'an accepted quote without its contract, or a contract of a quote for another amount': `SELECT count(*) FROM billing.quote q
    LEFT JOIN billing.contract c ON c.quote_id = q.id
    WHERE q.tenant_id = $1 AND (q.status = 'ACCEPTED') <> (c.id IS NOT NULL
      AND c.amount = CASE c.periodicity WHEN 'MONTHLY' THEN q.monthly_subtotal ELSE q.one_time_subtotal END)`,
  'a monthly line of an accepted quote without its subscription': `SELECT count(*) FROM billing.quote_line l
    JOIN billing.quote q ON q.id = l.quote_id JOIN billing.contract c ON c.quote_id = q.id
    WHERE q.tenant_id = $1 AND l.section = 'MONTHLY' AND NOT EXISTS (SELECT FROM billing.subscription s
      WHERE s.contract_id = c.id AND s.product_id = l.product_id AND s.unit_price = l.unit_price AND s.quantity = l.quantity)`,
  'a subscription or contract running for a customer who left': `SELECT
    (SELECT count(*) FROM billing.subscription s JOIN customers.customer c ON c.tenant_id = $1 AND c.id = s.customer_id
      WHERE s.tenant_id = $1 AND s.status = 'ACTIVE' AND c.status = 'INACTIVE')
    + (SELECT count(*) FROM billing.contract k JOIN customers.customer c ON c.tenant_id = $1 AND c.id = k.customer_id
      WHERE k.tenant_id = $1 AND k.status = 'ACTIVE' AND c.status = 'INACTIVE')`,
  'a correction that does not undo the entry it corrects': `SELECT count(*) FROM billing.credit_ledger_entry e
    JOIN billing.credit_ledger_entry t ON t.id = e.corrects_id
    WHERE e.tenant_id = $1 AND (e.kind = t.kind OR e.amount <> t.amount OR e.customer_id <> t.customer_id OR e.created_at <= t.created_at)`,
  'a live arrangement not for the overdue amount': `SELECT count(*) FROM billing.payment_arrangement a WHERE a.tenant_id = $1
    AND a.status IN ('PENDING', 'OPEN') AND a.amount <> (SELECT sum(total - paid_amount) FROM billing.invoice i
      WHERE i.tenant_id = $1 AND i.customer_id = a.customer_id AND i.status = 'OVERDUE' AND i.due_date < '2026-11-01')`,
  'a suspended customer whose last arrangement is not broken before the suspension': `SELECT count(*) FROM customers.suspension s
    JOIN LATERAL (SELECT a.status, a.cutoff_date FROM billing.payment_arrangement a WHERE a.tenant_id = $1 AND a.customer_id = s.customer_id
      ORDER BY a.agreed_on DESC LIMIT 1) last ON true
    WHERE s.tenant_id = $1 AND s.lifted_at IS NULL AND (last.status <> 'BROKEN' OR last.cutoff_date >= s.starts_on)`,
  'a reminded invoice without exactly one pending reminder, or reminded before due': `SELECT count(*) FROM billing.invoice i
    WHERE i.tenant_id = $1 AND EXISTS (SELECT FROM billing.reminder r WHERE r.invoice_id = i.id)
      AND ((SELECT count(*) FROM billing.reminder r WHERE r.invoice_id = i.id AND r.status = 'PENDING') <> 1
        OR EXISTS (SELECT FROM billing.reminder r WHERE r.invoice_id = i.id AND r.scheduled_on <= i.due_date))`,
  'an invoice overdue at "now" without reminders': `SELECT count(*) FROM billing.invoice i
    WHERE i.tenant_id = $1 AND i.status = 'OVERDUE' AND i.due_date < '2026-10-31'
      AND NOT EXISTS (SELECT FROM billing.reminder r WHERE r.invoice_id = i.id)`,
};

export const CUSTOMER_RULES: Record<string, string> = {
  'a customer with contacts but not exactly one principal': `SELECT count(*) FROM (SELECT customer_id FROM customers.contact
    WHERE tenant_id = $1 AND removed_at IS NULL GROUP BY customer_id HAVING count(*) FILTER (WHERE is_principal) <> 1) c`,
  'a customer without a default billing address at its first location': `SELECT count(*) FROM customers.customer c
    LEFT JOIN customers.customer_address a ON a.tenant_id = $1 AND a.customer_id = c.id AND a.type = 'BILLING' AND a.is_default AND a.removed_at IS NULL
    LEFT JOIN LATERAL (SELECT l.comparison_key FROM service.service_location l WHERE l.tenant_id = $1 AND l.customer_id = c.id
      ORDER BY l.created_at, l.id LIMIT 1) first ON true
    WHERE c.tenant_id = $1 AND a.comparison_key IS DISTINCT FROM first.comparison_key`,
  'status SUSPENDED ≠ a suspension in force': `SELECT count(*) FROM customers.customer c WHERE c.tenant_id = $1
    AND (c.status = 'SUSPENDED') <> EXISTS (SELECT FROM customers.suspension s WHERE s.customer_id = c.id AND s.lifted_at IS NULL)`,
  'overlapping suspensions of a customer': `SELECT count(*) FROM customers.suspension a JOIN customers.suspension b
    ON b.customer_id = a.customer_id AND b.id <> a.id
      AND tstzrange(a.suspended_at, a.lifted_at) && tstzrange(b.suspended_at, b.lifted_at)
    WHERE a.tenant_id = $1`,
  'a suspension or its lift without its change records': `SELECT count(*) FROM customers.suspension s WHERE s.tenant_id = $1 AND (
    NOT EXISTS (SELECT FROM customers.change_record r WHERE r.entity_id = s.id AND r.field = 'suspension.reason' AND r.after = s.reason
      AND r.changed_at = s.suspended_at)
    OR (s.lifted_at IS NOT NULL AND NOT EXISTS (SELECT FROM customers.change_record r WHERE r.entity_id = s.id AND r.field = 'suspension.liftedAt'
      AND r.after = to_char(s.lifted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))`,
  'a status ≠ the last status change recorded': `SELECT count(*) FROM customers.customer c
    JOIN LATERAL (SELECT r.after FROM customers.change_record r WHERE r.tenant_id = $1 AND r.customer_id = c.id AND r.field = 'status'
      ORDER BY r.changed_at DESC, r.id DESC LIMIT 1) last ON true
    WHERE c.tenant_id = $1 AND last.after <> c.status`,
};

export const SERVICE_RULES: Record<string, string> = {
  'a location whose status disagrees with its customer': `SELECT count(*) FROM service.service_location l
    JOIN customers.customer c ON c.tenant_id = $1 AND c.id = l.customer_id
    WHERE l.tenant_id = $1 AND ((l.status = 'DISCONNECTED') <> (c.status = 'INACTIVE') OR (l.status = 'SUSPENDED') <> (c.status = 'SUSPENDED'))`,
  'a suspended location without its port disabled': `SELECT count(*) FROM service.service_location l WHERE l.tenant_id = $1
    AND l.status = 'SUSPENDED' AND NOT EXISTS (SELECT FROM service.network_action a WHERE a.location_id = l.id AND a.action = 'DISABLE_PORT'
      AND (a.outcome = 'SUCCEEDED') = (l.olt_name IS NOT NULL))`,
  '911 status ≠ its last attempt, or synced without time and reference': `SELECT count(*) FROM service.e911_record r
    LEFT JOIN LATERAL (SELECT a.outcome, a.attempted_at FROM service.e911_sync_attempt a WHERE a.record_id = r.id
      ORDER BY a.attempted_at DESC LIMIT 1) last ON true
    WHERE r.tenant_id = $1 AND (r.sync_status <> coalesce(last.outcome, 'PENDING') OR r.last_sync_at IS DISTINCT FROM last.attempted_at
      OR (r.synced_at IS NULL) <> (r.provider_reference IS NULL)
      OR (r.synced_at IS NOT NULL) <> EXISTS (SELECT FROM service.e911_sync_attempt a WHERE a.record_id = r.id AND a.outcome = 'SYNCED'))`,
  'a 911 mismatch whose address is not where its location was': `SELECT count(*) FROM service.voip_line v
    JOIN service.e911_record r ON r.tenant_id = $1 AND r.did = v.did
    JOIN service.service_location l ON l.id = v.location_id
    WHERE v.tenant_id = $1 AND v.status = 'ACTIVE' AND l.comparison_key <> r.comparison_key
      AND r.comparison_key IS DISTINCT FROM (SELECT h.comparison_key FROM service.address_history h WHERE h.tenant_id = $1 AND h.location_id = l.id
        ORDER BY h.changed_at DESC LIMIT 1)`,
  'a line provisioned on an ATA that is not at its location': `SELECT count(*) FROM service.voip_line v
    LEFT JOIN service.equipment e ON e.id = v.ata_equipment_id
    WHERE v.tenant_id = $1 AND v.ata_equipment_id IS NOT NULL
      AND (e.location_id IS DISTINCT FROM v.location_id OR e.kind <> 'ATA' OR e.mac_address IS DISTINCT FROM v.ata_mac_address)`,
  'two IPv4 addresses at once at a location': `SELECT count(*) FROM service.ip_assignment a JOIN service.ip_assignment b
    ON b.location_id = a.location_id AND b.id < a.id AND family(a.ip) = 4 AND family(b.ip) = 4 AND a.validity && b.validity
    WHERE a.tenant_id = $1`,
  'an address held outside its location\'s service (before installation, or still held after the customer left)': `SELECT count(*)
    FROM service.ip_assignment a JOIN service.service_location l ON l.id = a.location_id
    WHERE a.tenant_id = $1 AND (l.installed_at IS NULL OR a.assigned_at < l.installed_at
      OR (a.released_at IS NULL AND l.status = 'DISCONNECTED')
      OR (a.released_at IS NOT NULL AND l.status <> 'DISCONNECTED' AND NOT EXISTS (SELECT FROM service.ip_assignment n
        WHERE n.location_id = a.location_id AND family(n.ip) = family(a.ip) AND n.assigned_at = a.released_at)))`,
};

export const SUPPORT_RULES: Record<string, string> = {
  'ticket numbers not consecutive in creation order': `SELECT count(*) FROM (
    SELECT number, row_number() OVER (ORDER BY created_at, id) AS expected FROM support.ticket WHERE tenant_id = $1) t WHERE number <> expected`,
  'an answered ticket not assigned to its team': `SELECT count(*) FROM support.ticket t LEFT JOIN support.technician x ON x.id = t.assignee_id
    WHERE t.tenant_id = $1 AND (t.first_response_at IS NOT NULL) <> (x.department IS NOT DISTINCT FROM t.department AND x.id IS NOT NULL)`,
  'a ticket without its request, or a resolved one without its closing message': `SELECT count(*) FROM support.ticket t WHERE t.tenant_id = $1 AND (
    NOT EXISTS (SELECT FROM support.ticket_message m WHERE m.ticket_id = t.id AND m.direction = 'INBOUND' AND m.created_at = t.created_at)
    OR (t.resolved_at IS NOT NULL AND NOT EXISTS (SELECT FROM support.ticket_message m WHERE m.ticket_id = t.id AND m.created_at = t.resolved_at - interval '1 minute')))`,
  'a visit after its ticket was resolved, or at another customer\'s location': `SELECT count(*) FROM support.dispatch_job d
    JOIN support.ticket t ON t.id = d.ticket_id
    WHERE d.tenant_id = $1 AND (d.location_id IS DISTINCT FROM t.location_id OR (d.status = 'DONE' AND t.resolved_at < d.scheduled_end))`,
  'a technician in two places at once': `SELECT count(*) FROM support.work_order_visit a JOIN support.work_order_visit b
    ON b.technician_id = a.technician_id AND (b.work_order_id, b.position) <> (a.work_order_id, a.position)
      AND tstzrange(a.arrived_at, a.departed_at) && tstzrange(b.arrived_at, b.departed_at)
    WHERE a.tenant_id = $1`,
  'a work order of a visit that was not done, or outside its window': `SELECT count(*) FROM support.work_order w
    JOIN support.dispatch_job d ON d.id = w.dispatch_job_id
    WHERE w.tenant_id = $1 AND (d.status <> 'DONE' OR w.started_at < d.scheduled_start OR w.completed_at > d.scheduled_end
      OR w.ticket_id IS DISTINCT FROM d.ticket_id)`,
  'work order subtotal ≠ labour + items (the rounding of priceWorkOrder)': `SELECT count(*) FROM support.work_order w WHERE w.tenant_id = $1
    AND w.subtotal <> (SELECT coalesce(sum(round(round(extract(epoch FROM v.departed_at - v.arrived_at) / 3600, 2) * w.labour_rate, 2)), 0)
      FROM support.work_order_visit v WHERE v.work_order_id = w.id)
      + (SELECT coalesce(sum(amount), 0) FROM support.work_order_item i WHERE i.work_order_id = w.id)`,
  'work order taxes ≠ round(subtotal × rate), or totals ≠ taxes': `SELECT count(*) FROM support.work_order w WHERE w.tenant_id = $1 AND (
    EXISTS (SELECT FROM jsonb_array_elements(w.taxes) t WHERE (t ->> 'amount')::numeric <> round(w.subtotal * (t ->> 'rate')::numeric, 2))
    OR w.tax_total <> (SELECT coalesce(sum((t ->> 'amount')::numeric), 0) FROM jsonb_array_elements(w.taxes) t)
    OR jsonb_array_length(w.taxes) <> (SELECT jsonb_array_length(taxes) FROM support.work_order_profile WHERE tenant_id = $1))`,
};

export const CROSS_DOMAIN_RULES: Record<string, string> = {
  'counters behind the seeded numbers': `SELECT
    (SELECT count(*) FROM billing.invoice WHERE tenant_id = $1) - (SELECT last_number FROM billing.invoice_counter WHERE tenant_id = $1)
    + (SELECT count(*) FROM support.ticket WHERE tenant_id = $1) - (SELECT last_number FROM support.ticket_counter WHERE tenant_id = $1)
    + greatest(0, (SELECT count(*) FROM billing.quote WHERE tenant_id = $1)
      - (SELECT last_number FROM billing.document_counter WHERE tenant_id = $1 AND kind = 'QUOTE'))
    + greatest(0, (SELECT count(*) FROM billing.contract WHERE tenant_id = $1)
      - (SELECT last_number FROM billing.document_counter WHERE tenant_id = $1 AND kind = 'CONTRACT'))`,
  'a record of no customer of the tenant': `SELECT count(*) FROM (
    SELECT customer_id FROM billing.invoice WHERE tenant_id = $1 UNION ALL SELECT customer_id FROM billing.payment WHERE tenant_id = $1
    UNION ALL SELECT customer_id FROM billing.quote WHERE tenant_id = $1 UNION ALL SELECT customer_id FROM billing.payment_arrangement WHERE tenant_id = $1
    UNION ALL SELECT customer_id FROM billing.payment_method WHERE tenant_id = $1 UNION ALL SELECT customer_id FROM service.service_location WHERE tenant_id = $1
    UNION ALL SELECT customer_id FROM service.voip_line WHERE tenant_id = $1 UNION ALL SELECT customer_id FROM service.e911_record WHERE tenant_id = $1
    UNION ALL SELECT customer_id FROM service.ip_assignment WHERE tenant_id = $1 UNION ALL SELECT customer_id FROM support.work_order WHERE tenant_id = $1
  ) r WHERE NOT EXISTS (SELECT FROM customers.customer c WHERE c.tenant_id = $1 AND c.id = r.customer_id)`,
  'a ticket, work order, quote or subscription at another customer\'s location': `SELECT count(*) FROM (
    SELECT customer_id, location_id FROM support.ticket WHERE tenant_id = $1 AND location_id IS NOT NULL
    UNION ALL SELECT customer_id, location_id FROM support.work_order WHERE tenant_id = $1 AND location_id IS NOT NULL
    UNION ALL SELECT customer_id, service_location_id FROM billing.quote WHERE tenant_id = $1
    UNION ALL SELECT customer_id, service_location_id FROM billing.subscription WHERE tenant_id = $1
  ) r WHERE NOT EXISTS (SELECT FROM service.service_location l WHERE l.tenant_id = $1 AND l.id = r.location_id AND l.customer_id = r.customer_id)`,
  'history after "now"': `SELECT (SELECT count(*) FROM billing.invoice WHERE tenant_id = $1 AND issued_at > ${NOW})
    + (SELECT count(*) FROM billing.payment WHERE tenant_id = $1 AND received_at > ${NOW})
    + (SELECT count(*) FROM billing.quote WHERE tenant_id = $1 AND coalesce(decided_at, sent_at, created_at) > ${NOW})
    + (SELECT count(*) FROM billing.payment_arrangement WHERE tenant_id = $1 AND coalesce(closed_at, created_at) > ${NOW})
    + (SELECT count(*) FROM billing.reminder WHERE tenant_id = $1 AND coalesce(sent_at, created_at) > ${NOW})
    + (SELECT count(*) FROM customers.note WHERE tenant_id = $1 AND created_at > ${NOW})
    + (SELECT count(*) FROM customers.suspension WHERE tenant_id = $1 AND coalesce(lifted_at, suspended_at) > ${NOW})
    + (SELECT count(*) FROM service.address_history WHERE tenant_id = $1 AND changed_at > ${NOW})
    + (SELECT count(*) FROM service.ip_assignment WHERE tenant_id = $1 AND coalesce(released_at, assigned_at) > ${NOW})
    + (SELECT count(*) FROM service.e911_sync_attempt WHERE tenant_id = $1 AND attempted_at > ${NOW})
    + (SELECT count(*) FROM support.ticket WHERE tenant_id = $1 AND coalesce(resolved_at, created_at) > ${NOW})
    + (SELECT count(*) FROM support.ticket_message WHERE tenant_id = $1 AND created_at > ${NOW})
    + (SELECT count(*) FROM support.work_order WHERE tenant_id = $1 AND completed_at > ${NOW})`,
};

export const SCALE_RULES: Record<string, string> = { ...CUSTOMER_RULES, ...BILLING_RULES, ...SERVICE_RULES, ...SUPPORT_RULES, ...CROSS_DOMAIN_RULES };
