import { SCALE_NOW, type ScaleSession } from '@c360/kit';
import { AREA_CODES, EMAIL_DOMAINS, LEGAL_FORMS, NAMES, SALES_REPS, SECTORS, slug } from './words.ts';

const CHUNK = 10_000;

/**
 * One customer per plan entry: French and English names (companies for the
 * heavy tail and about one in seven others, with their legal data), a Quebec
 * phone in E.164 that is unique in the tenant (the seven local digits are a
 * bijection of the index), the phone as typed in several usual formats, an
 * e-mail for most, a sales representative, tags. Customers who left are
 * INACTIVE (deactivated when they left), the plan's suspended ones SUSPENDED.
 */
export async function seedCustomers(session: ScaleSession): Promise<void> {
  const { plan } = session;
  await session.query(`INSERT INTO customers.tenant (id, name, default_country) VALUES ($1, $2, 'CA') ON CONFLICT (id) DO NOTHING`, [plan.tenantId, plan.name]);
  // Ten indexes (the search's trigram index among them) are cheaper built once than kept up row by row.
  const loaded = await session.bulkLoad({ 'customers.customer': plan.customers.length }, () => session.fill('customers.customer', plan.customers.length, CHUNK,
    (from, to) => session.insert(INSERT_CUSTOMERS, [
      plan.tenantId, from, to, SCALE_NOW, NAMES.fr.first, NAMES.fr.last, NAMES.fr.companies, NAMES.en.first, NAMES.en.last, NAMES.en.companies,
      AREA_CODES, EMAIL_DOMAINS, SALES_REPS, SECTORS, LEGAL_FORMS,
    ])));
  if (loaded) await session.analyze(['customers.customer']);
}

// $1 tenant, $2..$3 index range, $4 now, $5..$10 names, $11 area codes, $12 e-mail domains, $13 sales reps, $14 sectors, $15 legal forms.
const INSERT_CUSTOMERS = `
  WITH person AS (
    SELECT c.*,
      pg_temp.scale_pick('first/' || c.idx, CASE c.language WHEN 'en' THEN $8::text[] ELSE $5::text[] END) AS first,
      pg_temp.scale_pick('last/' || c.idx, CASE c.language WHEN 'en' THEN $9::text[] ELSE $6::text[] END) AS last,
      CASE WHEN c.heavy OR pg_temp.scale_rand('company/' || c.idx) < 0.15
        THEN pg_temp.scale_pick('pattern/' || c.idx, CASE c.language WHEN 'en' THEN $10::text[] ELSE $7::text[] END) END AS pattern,
      pg_temp.scale_pick('area/' || c.idx, $11::text[]) AS area,
      (2000000 + (c.idx::bigint * 7919) % 8000000)::text AS local
    FROM pg_temp.scale_customer c
    WHERE c.idx >= $2 AND c.idx < $3
  ), customer AS (
    SELECT p.*,
      p.pattern IS NOT NULL AS company,
      coalesce(replace(replace(p.pattern, '{last}', p.last), '{first}', p.first), p.first || ' ' || p.last) AS name,
      CASE pg_temp.scale_int('phone-format/' || p.idx, 0, 4)
        WHEN 0 THEN '(' || p.area || ') ' || left(p.local, 3) || '-' || right(p.local, 4)
        WHEN 1 THEN p.area || '-' || left(p.local, 3) || '-' || right(p.local, 4)
        WHEN 2 THEN p.area || ' ' || left(p.local, 3) || ' ' || right(p.local, 4)
        WHEN 3 THEN '+1 ' || p.area || ' ' || left(p.local, 3) || ' ' || right(p.local, 4)
        ELSE p.area || p.local
      END AS phone_raw,
      CASE
        WHEN pg_temp.scale_rand('no-email/' || p.idx) < 0.08 THEN NULL
        WHEN p.pattern IS NOT NULL THEN 'info@' || ${slug('p.last')} || (p.idx % 97) || '.ca'
        ELSE ${slug('p.first')} || '.' || ${slug('p.last')}
          || CASE WHEN pg_temp.scale_rand('email-digits/' || p.idx) < 0.5 THEN (p.idx % 100)::text ELSE '' END
          || '@' || pg_temp.scale_pick('domain/' || p.idx, $12::text[])
      END AS email,
      -- A mobile for a quarter of the people, from another exchange than the phones.
      CASE WHEN p.pattern IS NULL AND pg_temp.scale_rand('mobile/' || p.idx) < 0.25
        THEN '514' || (3000000 + (p.idx::bigint * 6151) % 7000000)::text END AS mobile
    FROM person p
  )
  INSERT INTO customers.customer (id, tenant_id, kind, category, name, company_name, phone, phone_raw, mobile, mobile_raw, email, website,
    preferred_language, customer_group, tags, sales_rep, registration_number, tax_number, legal_form, sector, first_contact_on,
    status, deactivated_at, last_activity_at, created_at, updated_at)
  SELECT c.id, $1, CASE WHEN c.company THEN 'COMPANY' ELSE 'INDIVIDUAL' END,
    CASE WHEN c.company AND pg_temp.scale_rand('category/' || c.idx) < 0.05 THEN 'SUPPLIER'
      WHEN c.company AND pg_temp.scale_rand('category/' || c.idx) < 0.1 THEN 'PARTNER' ELSE 'CLIENT' END,
    c.name, CASE WHEN c.company THEN c.name END, '+1' || c.area || c.local, c.phone_raw,
    '+1' || c.mobile, CASE WHEN c.mobile IS NOT NULL THEN left(c.mobile, 3) || ' ' || substr(c.mobile, 4, 3) || '-' || right(c.mobile, 4) END,
    c.email,
    CASE WHEN c.company AND pg_temp.scale_rand('website/' || c.idx) < 0.5 THEN 'https://www.' || ${slug('c.last')} || (c.idx % 97) || '.ca' END,
    CASE c.language WHEN 'en' THEN 'en-CA' ELSE 'fr-CA' END,
    CASE WHEN c.company THEN 'Affaires' WHEN pg_temp.scale_rand('group/' || c.idx) < 0.05 THEN 'Agricole' ELSE 'Résidentiel' END,
    array_remove(ARRAY[
      CASE WHEN c.heavy OR pg_temp.scale_rand('vip/' || c.idx) < 0.03 THEN 'vip' END,
      CASE WHEN c.company THEN 'commercial' END
    ], NULL),
    pg_temp.scale_pick('rep/' || c.idx, $13::text[]),
    CASE WHEN c.company THEN (1140000000 + (c.idx::bigint * 9973) % 860000000)::text END,
    CASE WHEN c.company THEN (700000000 + (c.idx::bigint * 1013) % 300000000)::text || 'RT0001' END,
    CASE WHEN c.company THEN pg_temp.scale_pick('legal/' || c.idx, $15::text[]) END,
    CASE WHEN c.company THEN pg_temp.scale_pick('sector/' || c.idx, $14::text[]) END,
    c.since::date,
    CASE WHEN c.until IS NOT NULL THEN 'INACTIVE' WHEN c.suspended_since IS NOT NULL THEN 'SUSPENDED' ELSE 'ACTIVE' END,
    c.until,
    coalesce(c.until, $4::timestamptz - make_interval(hours => pg_temp.scale_int('active/' || c.idx, 1, 24 * 90))),
    c.since,
    -- Last changed some time in their tenure, at the latest when they were suspended or left.
    coalesce(c.suspended_since, c.until, c.since + (coalesce(c.until, $4::timestamptz) - c.since) * pg_temp.scale_rand('updated/' || c.idx))
  FROM customer c
  ORDER BY c.idx
  ON CONFLICT DO NOTHING`;
