import {
  ISP_SIZE, SCALE_NOW, SCALE_STAFF, SCALE_VOLUMES, addressComparisonKey, drawSamplePlace, locationPlace, placeAddress, planned, reseededFaker, unitHash,
  type SamplePlace, type ScaleSession,
} from '@c360/kit';
import {
  CONTACT_ROLES, EMAIL_EXCERPTS, EMAIL_SUBJECTS, ISP_MAILBOX, LIFE_EVENT_NOTES, NAMES, NOTES, SPOUSE, slug,
} from './words.ts';

const CHUNK = 10_000;

/** The owner of a record: the plan's customer, with its row (kind, name, e-mail) and the end of its history. */
const OWNER = {
  from: 'pg_temp.scale_customer c JOIN customers.customer r ON r.tenant_id = $2 AND r.id = c.id',
  columns: 'c.idx, c.id AS customer_id, c.language, c.heavy, c.since, coalesce(c.until, $3::timestamptz) AS ended, r.kind, r.email AS customer_email',
};
/** Seconds of a customer's tenure: records accumulate with time. */
const TENURE = 'extract(epoch FROM coalesce(c.until, $3::timestamptz) - c.since)';
/** The k-th of `count` records of an owner falls in the k-th slice of its tenure (`p` is the plan row). */
const STRATIFIED = (what: string) =>
  `date_trunc('second', p.since + (p.ended - p.since) * ((p.k + pg_temp.scale_rand('${what}/' || p.idx || '/' || p.k)) / p.count))`;
/** A text of the owner's language from two text-array parameters. */
const WORDING = (key: string, fr: string, en: string) => `pg_temp.scale_pick(${key}, CASE p.language WHEN 'en' THEN ${en}::text[] ELSE ${fr}::text[] END)`;

/**
 * The records around each customer: contacts (companies have a few, some
 * people a spouse; the first is the principal), addresses (the billing address
 * is where their first location is), partner links, life events, logged
 * e-mails and notes (29 245 at scale 1, as the reference ISP), each kind
 * spread over the customers by its own weight (tenure for e-mails and notes).
 */
export async function seedRecords(session: ScaleSession): Promise<void> {
  const { plan, tenantId } = session;
  const owners = (name: string, total: number, weight: string) => () =>
    session.planShares(name, total, { ...OWNER, weight, params: [tenantId, SCALE_NOW] });

  const contacts = planned(plan, SCALE_VOLUMES.contacts);
  const partners = planned(plan, SCALE_VOLUMES.partnerLinks);
  const events = planned(plan, SCALE_VOLUMES.lifeEvents);
  const emails = planned(plan, SCALE_VOLUMES.emails);
  const notes = planned(plan, ISP_SIZE.notes);
  await session.bulkLoad({ 'customers.contact': contacts, 'customers.life_event': events, 'customers.email_message': emails, 'customers.note': notes }, async () => {
    await session.fill('customers.contact', contacts, CHUNK, (from, to) => session.insert(INSERT_CONTACTS, [
      tenantId, from, to, NAMES.fr.first, NAMES.fr.last, NAMES.en.first, NAMES.en.last, CONTACT_ROLES.fr, CONTACT_ROLES.en, SPOUSE.fr, SPOUSE.en,
    ]), { prepare: owners('customers_contact_plan', contacts, `CASE WHEN r.kind = 'COMPANY' THEN 3 ELSE 0.3 * pg_temp.scale_rand('contacts/' || c.idx) END`) });

    await seedAddresses(session);

    await session.fill('customers.partner_link', partners, CHUNK, (from, to) => session.insert(INSERT_PARTNERS, [tenantId, from, to, plan.customers.length]),
      { prepare: owners('customers_partner_plan', partners, `CASE WHEN r.kind = 'COMPANY' THEN 1 ELSE 0.03 END * pg_temp.scale_rand('partners/' || c.idx)`) });

    await session.fill('customers.life_event', events, CHUNK, (from, to) => session.insert(INSERT_LIFE_EVENTS, [tenantId, from, to, SCALE_NOW, JSON.stringify(LIFE_EVENT_NOTES)]),
      { prepare: owners('customers_life_event_plan', events, `pg_temp.scale_rand('life-events/' || c.idx)`) });

    await session.fill('customers.email_message', emails, CHUNK, (from, to) => session.insert(INSERT_EMAILS, [
      tenantId, from, to, ISP_MAILBOX, SCALE_STAFF, EMAIL_SUBJECTS.fr, EMAIL_SUBJECTS.en, EMAIL_EXCERPTS.inbound.fr, EMAIL_EXCERPTS.inbound.en,
      EMAIL_EXCERPTS.outbound.fr, EMAIL_EXCERPTS.outbound.en,
    ]), { prepare: owners('customers_email_plan', emails, `CASE WHEN r.email IS NULL THEN 0 ELSE ${TENURE} * pg_temp.scale_rand('emails/' || c.idx) END`) });

    // Most customers have no note; a few, and the heavy tail, have many.
    await session.fill('customers.note', notes, CHUNK, (from, to) => session.insert(INSERT_NOTES, [tenantId, from, to, SCALE_STAFF, NOTES.fr, NOTES.en]),
      { prepare: owners('customers_note_plan', notes, `${TENURE} * CASE WHEN c.heavy THEN 20 ELSE -ln(1 - pg_temp.scale_rand('notes/' || c.idx)) END`) });
  });
}

// $1 tenant, $2..$3 plan rows, $4..$7 names, $8..$9 company roles, $10..$11 spouse.
const INSERT_CONTACTS = `
  INSERT INTO customers.contact (id, tenant_id, customer_id, name, role, phone, phone_raw, email, is_principal, created_at, updated_at)
  SELECT pg_temp.scale_id('contact/' || p.idx || '/' || p.k), $1, p.customer_id, x.first || ' ' || x.last,
    CASE WHEN p.kind = 'COMPANY' THEN ${WORDING(`'role/' || p.n`, '$8', '$9')} ELSE ${WORDING(`'spouse/' || p.n`, '$10', '$11')} END,
    '+1' || x.local, left(x.local, 3) || ' ' || substr(x.local, 4, 3) || '-' || right(x.local, 4),
    ${slug('x.first')} || '.' || ${slug('x.last')} || p.n || '@' || CASE WHEN p.kind = 'COMPANY' THEN split_part(p.customer_email, '@', 2) ELSE 'gmail.com' END,
    p.k = 0, x.created, x.created
  FROM pg_temp.customers_contact_plan p
  CROSS JOIN LATERAL (SELECT
    ${WORDING(`'contact-first/' || p.n`, '$4', '$6')} AS first, ${WORDING(`'contact-last/' || p.n`, '$5', '$7')} AS last,
    '819' || (4000000 + (p.n::bigint * 7919) % 6000000)::text AS local,
    -- The principal came with the account; the others later in its tenure.
    date_trunc('second', p.since + (p.ended - p.since) * (p.k::float8 / (p.count + 1))) AS created) x
  WHERE p.n >= $2 AND p.n < $3
  ORDER BY p.n
  ON CONFLICT DO NOTHING`;

// $1 tenant, $2..$3 plan rows, $4 customers in the plan. A company's first link is its outside accounting firm; the other
// links name another customer of the tenant, a different one for each of the owner's links (offsets 1..customers-1).
const INSERT_PARTNERS = `
  INSERT INTO customers.partner_link (id, tenant_id, customer_id, partner_customer_id, organisation_name, role, created_at, updated_at)
  SELECT pg_temp.scale_id('partner/' || p.idx || '/' || p.k), $1, p.customer_id,
    CASE WHEN NOT x.firm THEN other.id END,
    CASE WHEN x.firm THEN pg_temp.scale_pick('firm/' || p.n, '{"Raymond Chabot Grant Thornton","Cabinet comptable Lemieux","Mallette","BDO Canada"}'::text[]) END,
    CASE WHEN x.firm THEN CASE p.language WHEN 'en' THEN 'Outside accountant' ELSE 'Comptable externe' END
      WHEN p.kind = 'COMPANY' THEN CASE p.language WHEN 'en' THEN 'Supplier' ELSE 'Fournisseur' END
      ELSE CASE p.language WHEN 'en' THEN 'Referred by' ELSE 'Référé par' END END,
    x.created, x.created
  FROM pg_temp.customers_partner_plan p
  CROSS JOIN LATERAL (SELECT p.kind = 'COMPANY' AND p.k = 0 AS firm, ${STRATIFIED('partner-at')} AS created) x
  JOIN pg_temp.scale_customer other
    ON other.idx = (p.idx + 1 + (p.k + pg_temp.scale_int('partner-offset/' || p.idx, 0, 40)) % greatest($4::int - 1, 1)) % $4::int
  WHERE p.n >= $2 AND p.n < $3
  ORDER BY p.n
  ON CONFLICT DO NOTHING`;

// $1 tenant, $2..$3 plan rows, $4 now, $5 notes by kind and language. Everyone's first event is yearly (a birthday, or a
// company's founding); the others are one-off moves, weddings and trips of the year around "now".
const INSERT_LIFE_EVENTS = `
  INSERT INTO customers.life_event (id, tenant_id, customer_id, kind, title, occurs_on, recurs_yearly, notes, created_at, updated_at)
  SELECT pg_temp.scale_id('life-event/' || p.idx || '/' || p.k), $1, p.customer_id, x.kind,
    CASE WHEN x.kind = 'FLIGHT' THEN CASE p.language WHEN 'en' THEN 'Trip abroad' ELSE 'Voyage à l''étranger' END END,
    CASE x.kind
      WHEN 'BIRTHDAY' THEN ($4::date - pg_temp.scale_int('born/' || p.n, 18 * 365, 85 * 365))
      WHEN 'BUSINESS_MILESTONE' THEN (p.since::date - pg_temp.scale_int('founded/' || p.n, 30, 30 * 365))
      -- Around the end of their history: upcoming ones only for current customers.
      ELSE p.ended::date + pg_temp.scale_int('occurs/' || p.n, -300, CASE WHEN p.ended < $4 THEN 0 ELSE 300 END) END,
    p.k = 0, $5::jsonb -> x.kind ->> p.language, x.created, x.created
  FROM pg_temp.customers_life_event_plan p
  CROSS JOIN LATERAL (SELECT
    CASE WHEN p.k = 0 THEN CASE WHEN p.kind = 'COMPANY' THEN 'BUSINESS_MILESTONE' ELSE 'BIRTHDAY' END
      ELSE pg_temp.scale_pick('event-kind/' || p.n, '{WEDDING,MOVE,MOVE,FLIGHT,FLIGHT,ENGAGEMENT}'::text[]) END AS kind,
    ${STRATIFIED('event-at')} AS created) x
  WHERE p.n >= $2 AND p.n < $3
  ORDER BY p.n
  ON CONFLICT DO NOTHING`;

// $1 tenant, $2..$3 plan rows, $4 the ISP's mailbox, $5 staff, $6..$7 subjects, $8..$11 excerpts. Threads of up to three
// messages, the customer writing first.
const INSERT_EMAILS = `
  INSERT INTO customers.email_message (id, tenant_id, customer_id, direction, from_address, to_addresses, subject, excerpt, sent_at,
    thread_id, message_id, logged_by, created_at)
  SELECT pg_temp.scale_id('email/' || p.idx || '/' || p.k), $1, p.customer_id, CASE WHEN x.inbound THEN 'INBOUND' ELSE 'OUTBOUND' END,
    CASE WHEN x.inbound THEN p.customer_email ELSE $4 END, ARRAY[CASE WHEN x.inbound THEN $4 ELSE p.customer_email END],
    CASE WHEN p.k % 3 > 0 THEN 'RE: ' ELSE '' END || ${WORDING(`'email-subject/' || p.idx || '/' || (p.k / 3)`, '$6', '$7')},
    CASE WHEN x.inbound THEN ${WORDING(`'email-in/' || p.n`, '$8', '$9')} ELSE ${WORDING(`'email-out/' || p.n`, '$10', '$11')} END,
    x.sent_at, 'thread-' || p.idx || '-' || (p.k / 3), '<' || p.idx || '.' || p.k || '.' || $1 || '@scale-isp.ca>',
    pg_temp.scale_pick('logged-by/' || p.n, $5::text[]), x.sent_at
  FROM pg_temp.customers_email_plan p
  CROSS JOIN LATERAL (SELECT p.k % 3 <> 1 AS inbound, ${STRATIFIED('email-at')} AS sent_at) x
  WHERE p.n >= $2 AND p.n < $3
  ORDER BY p.n
  ON CONFLICT DO NOTHING`;

// $1 tenant, $2..$3 plan rows, $4 staff, $5..$6 bodies. A customer's first note is pinned now and then.
const INSERT_NOTES = `
  INSERT INTO customers.note (id, tenant_id, customer_id, body, pinned, author, created_at, updated_at)
  SELECT pg_temp.scale_id('note/' || p.idx || '/' || p.k), $1, p.customer_id, ${WORDING(`'note-body/' || p.n`, '$5', '$6')},
    p.k = 0 AND pg_temp.scale_rand('pinned/' || p.idx) < 0.1, pg_temp.scale_pick('author/' || p.n, $4::text[]), x.created, x.created
  FROM pg_temp.customers_note_plan p
  CROSS JOIN LATERAL (SELECT ${STRATIFIED('note-at')} AS created) x
  WHERE p.n >= $2 AND p.n < $3
  ORDER BY p.n
  ON CONFLICT DO NOTHING`;

interface AddressRow {
  id: string;
  customer_id: string;
  type: 'BILLING' | 'SHIPPING';
  is_default: boolean;
  place: SamplePlace;
  created_at: Date;
  removed_at: Date | null;
}

/**
 * Everyone's default billing address is the place of their first location (the
 * same draw as the service subgraph's); one customer in ten had another one
 * before (removed when they moved); companies with a second location ship
 * there, half of the others somewhere else. Built in Node: the comparison key
 * comes from `addressComparisonKey`.
 */
async function seedAddresses(session: ScaleSession): Promise<void> {
  const { plan, tenantId } = session;
  const kinds = new Map((await session.query<{ idx: number; kind: string }>(
    `SELECT c.idx, r.kind FROM pg_temp.scale_customer c JOIN customers.customer r ON r.tenant_id = $1 AND r.id = c.id`, [tenantId],
  )).map((row) => [row.idx, row.kind]));
  const rows: AddressRow[] = plan.customers.flatMap((customer) => {
    const rand = (what: string) => unitHash(tenantId, 'address', customer.index, what);
    const ended = (customer.until ?? SCALE_NOW).getTime();
    const at = (fraction: number) => new Date(Math.floor((customer.since.getTime() + (ended - customer.since.getTime()) * fraction) / 1000) * 1000);
    const row = (n: number, type: AddressRow['type'], place: SamplePlace, created: Date, removed: Date | null = null): AddressRow => ({
      id: `${customer.index}/${n}`, customer_id: customer.id, type, is_default: removed === null, place, created_at: created, removed_at: removed,
    });
    const moved = rand('moved') < 0.1 ? at(0.2 + 0.6 * rand('moved-at')) : null;
    const drawn = (what: string) => drawSamplePlace(reseededFaker(Math.floor(rand(what) * 2 ** 31), 'fr'));
    const addresses = [row(0, 'BILLING', locationPlace(tenantId, customer.index, 0), moved ?? customer.since)];
    if (moved) addresses.push(row(1, 'BILLING', drawn('earlier'), customer.since, moved));
    if (kinds.get(customer.index) === 'COMPANY' && (customer.locationIds.length > 1 || rand('shipping') < 0.5)) {
      const place = customer.locationIds.length > 1 ? locationPlace(tenantId, customer.index, 1) : drawn('shipping');
      addresses.push(row(2, 'SHIPPING', place, at(0.1 * rand('shipping-at'))));
    }
    return addresses;
  });
  await session.fill('customers.customer_address', rows.length, CHUNK, (from, to) => session.insert(INSERT_ADDRESSES, [
    tenantId, JSON.stringify(rows.slice(from, to).map(({ place, ...row }) => ({
      ...row, ...place, comparison_key: addressComparisonKey(placeAddress(place)),
    }))),
  ]));
}

// $1 tenant, $2 rows (JSON); ids are derived from "<customer index>/<n>".
const INSERT_ADDRESSES = `
  INSERT INTO customers.customer_address (id, tenant_id, customer_id, type, is_default, civic_number, unit, street, city, region, postal_code,
    country, comparison_key, created_at, updated_at, removed_at)
  SELECT pg_temp.scale_id('address/' || r.id), $1, r.customer_id, r.type, r.is_default, r.civic_number, r.unit, r.street, r.city, r.region,
    r.postal_code, r.country, r.comparison_key, r.created_at, coalesce(r.removed_at, r.created_at), r.removed_at
  FROM jsonb_to_recordset($2::jsonb) AS r(id text, customer_id uuid, type text, is_default boolean, civic_number text, unit text, street text,
    city text, region text, postal_code text, country text, comparison_key text, created_at timestamptz, removed_at timestamptz)
  ON CONFLICT DO NOTHING`;
