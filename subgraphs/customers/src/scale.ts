import { SCALE_NOW, type ScaleSession } from '@c360/kit';

/** Common given names and surnames of Quebec, French and English. */
const NAMES = {
  fr: {
    first: [
      'Jean', 'Marie', 'Louis', 'Sophie', 'Mathieu', 'Isabelle', 'Nathalie', 'Sylvie', 'Pierre', 'François', 'Julie', 'Catherine',
      'Marc', 'Luc', 'Geneviève', 'Stéphane', 'Martin', 'Chantal', 'Éric', 'Mélanie', 'Guillaume', 'Émilie', 'Alexandre', 'Annie',
      'Josée', 'Patrick', 'Caroline', 'Sébastien', 'Véronique', 'Simon', 'Valérie', 'Maxime', 'Karine', 'Gabriel', 'Chloé',
      'Olivier', 'Léa', 'Félix', 'Camille', 'Étienne', 'Denis', 'Hélène', 'Réjean', 'Francine', 'Gaétan', 'Lise', 'Benoît', 'Manon',
    ],
    last: [
      'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier',
      'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier',
      'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', 'St-Pierre', 'Nadeau', 'Martin',
      'Landry', 'Martel', 'Bédard', 'Grenier', 'Lessard', 'Bernier', 'Richard', 'Michaud', 'Hébert', 'Desjardins', 'Couture',
      'Turcotte', 'Lachance', 'Parent', 'Blais', 'Gosselin', 'Savard', 'Proulx', 'Beaudoin', 'Demers', 'Perron', 'Boudreau',
      'Lemieux', 'Cyr', 'Perreault', 'Dufour', 'Dion', 'Mercier', 'Bolduc', 'Bérubé', 'Tessier', 'Ménard', 'Lacroix', 'Vachon',
    ],
    companies: [
      'Boulangerie {last}', 'Garage {last} inc.', 'Construction {last} ltée', 'Transport {last} & Fils', '{last} Électrique inc.',
      'Ferme {last} enr.', 'Dépanneur {last}', 'Pharmacie {first} {last}', 'Restaurant Chez {first}', 'Notaires {last} et associés',
      'Clinique dentaire {last}', 'Quincaillerie {last}',
    ],
  },
  en: {
    first: [
      'James', 'Michael', 'Sarah', 'Emily', 'David', 'Jennifer', 'Robert', 'Jessica', 'William', 'Ashley', 'Daniel', 'Amanda',
      'Matthew', 'Laura', 'Christopher', 'Heather', 'Andrew', 'Rebecca', 'Ryan', 'Megan', 'Kevin', 'Susan', 'Brian', 'Karen',
    ],
    last: [
      'Smith', 'Brown', 'Wilson', 'Taylor', 'Campbell', 'Anderson', 'MacDonald', 'Stewart', 'Thompson', 'Young', 'Scott', 'Murray',
      'Reid', 'Walker', 'Robertson', 'Johnston', 'Morrison', 'Fraser', 'Kelly', "O'Brien", 'Ross', 'Graham', 'Hamilton', 'Murphy',
    ],
    companies: ['{last} Construction Ltd.', '{last} & Sons', '{last} Consulting Inc.', '{last} Plumbing', '{first} {last} Design', '{last} Auto Repair'],
  },
};

/** Quebec area codes. */
const AREA_CODES = ['450', '514', '438', '579', '819', '873', '418', '581', '367'];
const EMAIL_DOMAINS = ['videotron.ca', 'gmail.com', 'hotmail.com', 'outlook.com', 'bell.net', 'sympatico.ca', 'yahoo.ca', 'icloud.com'];

const CHUNK = 10_000;

/** A name part as the local part of an e-mail address: no accents, no spaces or apostrophes. */
const slug = (sql: string) =>
  `regexp_replace(lower(translate(${sql}, 'àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ', 'aaaeeeeiioouuucAAAEEEEIIOOUUUC')), '[^a-z0-9]+', '', 'g')`;

/**
 * The tenant, then one customer per plan entry: French and English names
 * (companies for the heavy tail and about one in seven others), a Quebec phone
 * in E.164 that is unique in the tenant (the seven local digits are a bijection
 * of the index), the phone as typed in several usual formats, an e-mail for
 * most. Customers who left are INACTIVE.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  const { plan } = session;
  await session.query(`INSERT INTO customers.tenant (id, name, default_country) VALUES ($1, $2, 'CA') ON CONFLICT (id) DO NOTHING`, [plan.tenantId, plan.name]);
  const total = plan.customers.length;
  const bar = session.bar('customers.customer', total);
  const existing = await session.existing('customers.customer');
  if (existing >= total) return bar.skip(existing);
  await session.inChunks(total, CHUNK, async (from, to) => {
    const [row] = await session.query<{ inserted: number }>(INSERT_CUSTOMERS, [
      plan.tenantId, from, to, SCALE_NOW, NAMES.fr.first, NAMES.fr.last, NAMES.fr.companies, NAMES.en.first, NAMES.en.last, NAMES.en.companies,
      AREA_CODES, EMAIL_DOMAINS,
    ]);
    bar.advance(to - from, row?.inserted ?? 0);
  });
  await session.analyze(['customers.customer']);
}

// $1 tenant, $2..$3 index range, $4 now, $5..$10 names, $11 area codes, $12 e-mail domains.
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
      END AS email
    FROM person p
  ), inserted AS (
    INSERT INTO customers.customer (id, tenant_id, kind, name, phone, phone_raw, email, status, last_activity_at, created_at, updated_at)
    SELECT c.id, $1, CASE WHEN c.pattern IS NULL THEN 'INDIVIDUAL' ELSE 'COMPANY' END, c.name, '+1' || c.area || c.local, c.phone_raw, c.email,
      CASE WHEN c.until IS NULL THEN 'ACTIVE' ELSE 'INACTIVE' END,
      coalesce(c.until, $4::timestamptz - make_interval(hours => pg_temp.scale_int('active/' || c.idx, 1, 24 * 90))),
      c.since,
      c.since + (coalesce(c.until, $4::timestamptz) - c.since) * pg_temp.scale_rand('updated/' || c.idx)
    FROM customer c
    ORDER BY c.idx
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM inserted`;
