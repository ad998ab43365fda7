import { demoFaker, demoId } from '@c360/kit';
import { addressComparisonKey } from '@c360/kit';

/** A demo customer row as inserted, with its plan index. */
export interface DemoCustomerRow {
  id: string;
  tenant_id: string;
  index: number;
  kind: 'COMPANY' | 'INDIVIDUAL';
  name: string;
  status: string;
  created_at: string;
  [column: string]: unknown;
}

const DAY = 86_400_000;
/** The demo's "now": nothing in it happens later. */
export const REF_DATE = '2026-11-01T00:00:00Z';
/** The furthest a record lies from its customer's creation, in days (a deactivation). */
const LAST_DAY = 400;
const CITIES: [string, string][] = [['Granby', 'J2G'], ['Saint-Hyacinthe', 'J2S'], ['Sherbrooke', 'J1H'], ['Longueuil', 'J4K'], ['Montréal', 'H2X'], ['Drummondville', 'J2B']];
const STREETS = ['rue Principale', 'boulevard Laurier', 'rue Saint-Jean', 'avenue des Érables', 'chemin du Lac', 'rue Notre-Dame Ouest', 'rang Saint-Joseph'];
const ROLES = ['Direction', 'Comptabilité', 'Achats', 'Informatique', 'Réception'];
const SUBJECTS = ['Votre facture du mois', 'Question sur mon forfait', 'Rendez-vous d’installation', 'Changement d’adresse', 'Panne de service'];
const NOTES = [
  'Préfère être contacté en soirée.',
  'Client de longue date, toujours payé à temps.',
  'A demandé une soumission pour la fibre 1 Gbit/s.',
  'Attention : chien sur le terrain lors des visites.',
];

/**
 * `days` after a customer's creation; for a customer created less than
 * LAST_DAY days before the demo's "now", as far into the time since then as
 * `days` is into LAST_DAY: a customer's records keep their order, and none
 * lies in the future (the timeline shows them when they happened).
 */
export function afterCreation(createdAt: string, days: number): string {
  const created = Date.parse(createdAt);
  return new Date(created + Math.min(days * DAY, ((Date.parse(REF_DATE) - created) * days) / LAST_DAY)).toISOString();
}

const at = (customer: DemoCustomerRow, days: number) => afterCreation(customer.created_at, days);
const faker = (customer: DemoCustomerRow, salt: number) => demoFaker(salt * 100_000 + customer.index + 1, 'fr');

/** Companies have one to three contacts, one individual in six has one (a spouse); the first is the principal. */
export function contactRows(customer: DemoCustomerRow) {
  const count = customer.kind === 'COMPANY' ? 1 + (customer.index % 3) : customer.index % 6 === 0 ? 1 : 0;
  const f = faker(customer, 1);
  return Array.from({ length: count }, (_, n) => {
    const local = String(4_000_000 + customer.index * 7 + n).slice(-7);
    const name = f.person.fullName();
    return {
      id: demoId(customer.tenant_id, 'contact', customer.index, n),
      tenant_id: customer.tenant_id,
      customer_id: customer.id,
      name,
      role: customer.kind === 'COMPANY' ? ROLES[(customer.index + n) % ROLES.length] : 'Conjoint(e)',
      phone: `+1819${local}`,
      phone_raw: `819 ${local.slice(0, 3)}-${local.slice(3)}`,
      email: f.internet.email({ firstName: name.split(' ')[0], lastName: `${customer.index}x${n}` }).toLowerCase(),
      is_principal: n === 0,
      created_at: at(customer, n),
      updated_at: at(customer, n),
    };
  });
}

/** Everyone has a default billing address; companies often a shipping one, a few customers a second billing one. */
export function addressRows(customer: DemoCustomerRow) {
  const f = faker(customer, 2);
  const kinds: ['BILLING' | 'SHIPPING', boolean][] = [['BILLING', true]];
  if (customer.kind === 'COMPANY' && customer.index % 2 === 0) kinds.push(['SHIPPING', true]);
  if (customer.index % 7 === 0) kinds.push(['BILLING', false]);
  return kinds.map(([type, isDefault], n) => {
    const [city, fsa] = CITIES[(customer.index + n) % CITIES.length]!;
    const address = {
      number: String(f.number.int({ min: 10, max: 9_999 })),
      unit: customer.index % 5 === 2 ? String(f.number.int({ min: 1, max: 12 })) : null,
      street: STREETS[(customer.index * 3 + n) % STREETS.length]!,
      city,
      postalCode: `${fsa} ${f.number.int({ min: 1, max: 9 })}A${f.number.int({ min: 1, max: 9 })}`,
      country: 'CA',
    };
    return {
      id: demoId(customer.tenant_id, 'customer-address', customer.index, n),
      tenant_id: customer.tenant_id,
      customer_id: customer.id,
      type,
      is_default: isDefault,
      civic_number: address.number,
      unit: address.unit,
      street: address.street,
      city: address.city,
      region: 'QC',
      postal_code: address.postalCode,
      country: address.country,
      comparison_key: addressComparisonKey(address),
      created_at: at(customer, n),
      updated_at: at(customer, n),
    };
  });
}

/** Every tenth customer is linked to the next one; some companies to their outside accounting firm. */
export function partnerRows(customers: DemoCustomerRow[]) {
  return customers.flatMap((customer, i) => {
    const rows = [];
    const next = customers[i + 1];
    if (customer.index % 10 === 0 && next) {
      rows.push({
        id: demoId(customer.tenant_id, 'partner', customer.index, 0), tenant_id: customer.tenant_id, customer_id: customer.id,
        partner_customer_id: next.id, organisation_name: null, role: customer.kind === 'COMPANY' ? 'Fournisseur' : 'Référé par',
        created_at: at(customer, 30), updated_at: at(customer, 30),
      });
    }
    if (customer.kind === 'COMPANY' && customer.index % 3 === 0) {
      rows.push({
        id: demoId(customer.tenant_id, 'partner', customer.index, 1), tenant_id: customer.tenant_id, customer_id: customer.id,
        partner_customer_id: null, organisation_name: customer.index % 2 ? 'Raymond Chabot Grant Thornton' : 'Cabinet comptable Lemieux',
        role: 'Comptable externe', created_at: at(customer, 10), updated_at: at(customer, 10),
      });
    }
    return rows;
  });
}

/** Birthdays (yearly) for people, founding anniversaries for companies, and a few weddings, moves and flights. */
export function lifeEventRows(customer: DemoCustomerRow) {
  const f = faker(customer, 3);
  const event = (n: number, kind: string, occursOn: Date, recursYearly: boolean, title: string | null, notes: string | null) => ({
    id: demoId(customer.tenant_id, 'life-event', customer.index, n), tenant_id: customer.tenant_id, customer_id: customer.id,
    kind, title, occurs_on: occursOn.toISOString().slice(0, 10), recurs_yearly: recursYearly, notes,
    created_at: at(customer, 5 + n), updated_at: at(customer, 5 + n),
  });
  const rows = customer.kind === 'COMPANY'
    ? [event(0, 'BUSINESS_MILESTONE', f.date.past({ years: 30, refDate: customer.created_at }), true, 'Fondation de l’entreprise', null)]
    : [event(0, 'BIRTHDAY', f.date.birthdate({ min: 18, max: 85, mode: 'age', refDate: REF_DATE }), true, null, null)];
  const future = (days: number) => new Date(Date.parse(REF_DATE) + days * DAY);
  if (customer.index % 8 === 1) rows.push(event(1, 'WEDDING', future(f.number.int({ min: 10, max: 300 })), false, null, 'Offrir le forfait famille après le mariage.'));
  if (customer.index % 12 === 5) rows.push(event(2, 'MOVE', future(f.number.int({ min: 5, max: 120 })), false, null, 'Déménagement prévu : transférer le service.'));
  if (customer.index % 19 === 2) rows.push(event(3, 'FLIGHT', future(f.number.int({ min: 3, max: 60 })), false, 'Voyage en Europe', 'Suspendre la télé pendant le voyage ?'));
  return rows;
}

/** Up to three messages, a thread per customer, newest last. */
export function emailRows(customer: DemoCustomerRow) {
  const count = customer.index % 4;
  const customerEmail = typeof customer.email === 'string' ? customer.email : `client${customer.index}@example.ca`;
  return Array.from({ length: count }, (_, n) => {
    const inbound = n % 2 === 0;
    return {
      id: demoId(customer.tenant_id, 'email', customer.index, n), tenant_id: customer.tenant_id, customer_id: customer.id,
      direction: inbound ? 'INBOUND' : 'OUTBOUND',
      from_address: inbound ? customerEmail : 'service@demo-telecom.ca',
      to_addresses: [inbound ? 'service@demo-telecom.ca' : customerEmail],
      subject: `${n > 0 ? 'RE: ' : ''}${SUBJECTS[customer.index % SUBJECTS.length]}`,
      excerpt: inbound ? 'Bonjour, j’aurais une question concernant mon compte.' : 'Bonjour, merci pour votre message. Voici la réponse à votre question.',
      sent_at: at(customer, 200 + n * 2), thread_id: `thread-${customer.index}`,
      message_id: `<${customer.index}.${n}@demo-telecom.ca>`, logged_by: 'demo',
    };
  });
}

export function noteRows(customer: DemoCustomerRow) {
  const count = customer.index % 3;
  return Array.from({ length: count }, (_, n) => ({
    id: demoId(customer.tenant_id, 'note', customer.index, n), tenant_id: customer.tenant_id, customer_id: customer.id,
    body: NOTES[(customer.index + n) % NOTES.length], pinned: n === 0 && customer.index % 5 === 0, author: 'demo',
    created_at: at(customer, 100 + n * 20), updated_at: at(customer, 100 + n * 20),
  }));
}

/** The SUSPENDED customers have a suspension in force; a few others one that was lifted. */
export function suspensionRows(customer: DemoCustomerRow) {
  const row = (n: number, startsDay: number, lifted: boolean) => ({
    id: demoId(customer.tenant_id, 'suspension', customer.index, n), tenant_id: customer.tenant_id, customer_id: customer.id,
    reason: 'NON_PAYMENT', note: 'Solde impayé depuis plus de 60 jours.',
    starts_on: at(customer, startsDay).slice(0, 10), planned_end_on: null, suspended_at: at(customer, startsDay), suspended_by: 'demo',
    lifted_at: lifted ? at(customer, startsDay + 12) : null, lifted_by: lifted ? 'demo' : null,
  });
  if (customer.status === 'SUSPENDED') return [row(0, 300, false)];
  return customer.index % 19 === 4 ? [row(0, 150, true)] : [];
}

/** Obvious test data for the clean-up's dry run: not in the demo plan, so no other subgraph has records for them. */
export function testDataCustomers(tenantId: string, refDate: string): DemoCustomerRow[] {
  const rows: [string, string | null, string | null][] = [
    ['Test Client', '+14505550190', '450-555-0190'],
    ['Mock Customer', '+14505550191', '450 555 0191'],
    ['Client démo', '+14505550192', '(450) 555-0192'],
    ['Dummy Account', null, null],
    ['450-555-0194', '+14505550194', '450-555-0194'],
    ['Importé sans nom', null, '000-000-0000'],
  ];
  return rows.map(([name, phone, phoneRaw], n) => ({
    id: demoId(tenantId, 'test-customer', n), tenant_id: tenantId, index: -1 - n, kind: 'INDIVIDUAL', category: 'PROSPECT', name,
    phone, phone_raw: phoneRaw, tags: [], status: 'ACTIVE',
    created_at: new Date(Date.parse(refDate) - (n + 1) * 3 * DAY).toISOString(), updated_at: new Date(Date.parse(refDate) - (n + 1) * 3 * DAY).toISOString(),
  }));
}
