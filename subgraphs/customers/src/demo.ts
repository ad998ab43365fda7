import { demoFaker, type DemoTenant, type EntityManager } from '@c360/kit';
import { recordDemoHistory } from './demo-history.ts';
import { REF_DATE, addressRows, afterCreation, contactRows, emailRows, lifeEventRows, noteRows, partnerRows, suspensionRows, testDataCustomers, type DemoCustomerRow } from './demo-records.ts';

const SECTORS = ['Construction', 'Restauration', 'Commerce de détail', 'Santé', 'Transport', 'Agriculture', 'Services professionnels'];
const LEGAL_FORMS = ['Inc.', 'Ltée', 'S.E.N.C.', 'Entreprise individuelle', 'Coopérative'];
const SALES_REPS = ['Marie Dupont', 'Jean Tremblay', 'Sophie Gagnon', 'Luc Bergeron'];
const GROUPS = ['Résidentiel', 'Affaires', 'Agricole'];

/**
 * Seeds the tenant's settings, its demo customers with every section of the
 * record (contacts, addresses, partners, life events, e-mails, notes,
 * suspensions) and a few obvious test-data customers for the clean-up, with
 * the events those records would have produced, at their own times (the
 * timeline's history). Ids are derived from the plan (`demoId`) and every
 * insert is `ON CONFLICT DO NOTHING`, so a rerun is a no-op.
 */
export async function seedDemo(em: EntityManager, tenant: DemoTenant): Promise<void> {
  await em.execute(`INSERT INTO customers.tenant (id, name, default_country) VALUES (?, ?, 'CA') ON CONFLICT (id) DO NOTHING`, [tenant.id, tenant.name]);
  const customers = [...tenant.customers.map((customer) => customerRow(tenant.id, customer.index, customer.id)), ...testDataCustomers(tenant.id, REF_DATE)];
  const real = customers.slice(0, tenant.customers.length);
  await recordDemoHistory(em, tenant.id, {
    customer: await insert(em, 'customer', customers, CUSTOMER_COLUMNS),
    contact: await insert(em, 'contact', real.flatMap((customer) => contactRows(customer)), CONTACT_COLUMNS),
    customer_address: await insert(em, 'customer_address', real.flatMap((customer) => addressRows(customer)), ADDRESS_COLUMNS),
    partner_link: await insert(em, 'partner_link', partnerRows(real), PARTNER_COLUMNS),
    life_event: await insert(em, 'life_event', real.flatMap((customer) => lifeEventRows(customer)), LIFE_EVENT_COLUMNS),
    email_message: await insert(em, 'email_message', real.flatMap((customer) => emailRows(customer)), EMAIL_COLUMNS),
    note: await insert(em, 'note', real.flatMap((customer) => noteRows(customer)), NOTE_COLUMNS),
    suspension: await insert(em, 'suspension', real.flatMap((customer) => suspensionRows(customer)), SUSPENSION_COLUMNS),
  });
}

function customerRow(tenantId: string, index: number, id: string): DemoCustomerRow {
  const faker = demoFaker(index + 1);
  const company = index % 5 === 0;
  const name = company ? faker.company.name() : faker.person.fullName();
  const digits = `450${String(2_000_000 + index * 7919).slice(-7)}`;
  const createdAt = faker.date.past({ years: 10, refDate: REF_DATE });
  return {
    id,
    tenant_id: tenantId,
    index,
    kind: company ? 'COMPANY' : 'INDIVIDUAL',
    category: index % 17 === 3 ? 'PROSPECT' : index % 31 === 7 ? 'SUPPLIER' : index % 37 === 11 ? 'PARTNER' : 'CLIENT',
    name,
    company_name: company ? `${name} ${faker.helpers.arrayElement(LEGAL_FORMS)}` : null,
    phone: `+1${digits}`,
    phone_raw: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    mobile: index % 3 === 0 ? `+1514${String(3_000_000 + index * 6151).slice(-7)}` : null,
    email: faker.internet.email({ firstName: name.split(' ')[0], lastName: String(index) }).toLowerCase(),
    website: company ? `https://www.${faker.internet.domainWord()}.ca` : null,
    preferred_language: index % 3 === 0 ? 'en-CA' : 'fr-CA',
    customer_group: company ? GROUPS[1]! : index % 11 === 0 ? GROUPS[2]! : GROUPS[0]!,
    tags: [...(index % 13 === 0 ? ['vip'] : []), ...(company ? ['commercial'] : []), ...(index % 4 === 1 ? ['ppa'] : [])],
    sales_rep: SALES_REPS[index % SALES_REPS.length]!,
    registration_number: company ? String(1_140_000_000 + index * 9_973) : null,
    tax_number: company ? `${String(700_000_000 + index * 1_013)}RT0001` : null,
    legal_form: company ? faker.helpers.arrayElement(LEGAL_FORMS) : null,
    sector: company ? faker.helpers.arrayElement(SECTORS) : null,
    annual_revenue: company ? String(faker.number.int({ min: 80, max: 9_000 }) * 1_000) : null,
    annual_revenue_currency: company ? 'CAD' : null,
    headcount: company ? faker.number.int({ min: 1, max: 250 }) : null,
    first_contact_on: createdAt.toISOString().slice(0, 10),
    remarks: index % 9 === 0 ? faker.lorem.sentence() : null,
    status: index % 23 === 0 ? 'SUSPENDED' : index % 41 === 13 ? 'INACTIVE' : 'ACTIVE',
    deactivated_at: index % 41 === 13 && index % 23 !== 0 ? afterCreation(createdAt.toISOString(), 400) : null,
    created_at: createdAt.toISOString(),
    updated_at: createdAt.toISOString(),
  };
}

/** Columns and their SQL types, in the order of the `jsonb_to_recordset` record. */
type Columns = Record<string, string>;
const CUSTOMER_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', kind: 'text', category: 'text', name: 'text', company_name: 'text', phone: 'text', phone_raw: 'text',
  mobile: 'text', email: 'text', website: 'text', preferred_language: 'text', customer_group: 'text', tags: 'text[]', sales_rep: 'text',
  registration_number: 'text', tax_number: 'text', legal_form: 'text', sector: 'text', annual_revenue: 'numeric', annual_revenue_currency: 'text',
  headcount: 'int', first_contact_on: 'date', remarks: 'text', status: 'text', deactivated_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz',
};
const CONTACT_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', name: 'text', role: 'text', phone: 'text', phone_raw: 'text', email: 'text',
  is_principal: 'boolean', created_at: 'timestamptz', updated_at: 'timestamptz',
};
const ADDRESS_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', type: 'text', is_default: 'boolean', civic_number: 'text', unit: 'text', street: 'text',
  city: 'text', region: 'text', postal_code: 'text', country: 'text', comparison_key: 'text', created_at: 'timestamptz', updated_at: 'timestamptz',
};
const PARTNER_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', partner_customer_id: 'uuid', organisation_name: 'text', role: 'text', created_at: 'timestamptz', updated_at: 'timestamptz',
};
const LIFE_EVENT_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', kind: 'text', title: 'text', occurs_on: 'date', recurs_yearly: 'boolean', notes: 'text',
  created_at: 'timestamptz', updated_at: 'timestamptz',
};
const EMAIL_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', direction: 'text', from_address: 'text', to_addresses: 'text[]', subject: 'text', excerpt: 'text',
  sent_at: 'timestamptz', thread_id: 'text', message_id: 'text', logged_by: 'text',
};
const NOTE_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', body: 'text', pinned: 'boolean', author: 'text', created_at: 'timestamptz', updated_at: 'timestamptz',
};
const SUSPENSION_COLUMNS: Columns = {
  id: 'uuid', tenant_id: 'text', customer_id: 'uuid', reason: 'text', note: 'text', starts_on: 'date', planned_end_on: 'date', suspended_at: 'timestamptz',
  suspended_by: 'text', lifted_at: 'timestamptz', lifted_by: 'text',
};

/** One bulk insert per table; rows that exist already are left alone. Returns the rows it inserted. */
async function insert(em: EntityManager, table: string, rows: object[], columns: Columns): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  return em.execute(
    `INSERT INTO customers.${table} (${names.join(', ')})
     SELECT ${names.join(', ')} FROM jsonb_to_recordset(?::jsonb) AS r(${names.map((name) => `${name} ${columns[name]}`).join(', ')})
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [JSON.stringify(rows)],
  );
}

