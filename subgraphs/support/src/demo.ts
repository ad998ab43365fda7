import { demoFaker, demoId, type DemoCustomer, type DemoTenant, type EntityManager } from '@c360/kit';
import { seedConversations } from './demo-conversation.ts';
import { recordDemoHistory } from './demo-history.ts';
import { demoTechnicians, seedFieldWork, seedTechnicians, type DemoTechnician } from './demo-field-work.ts';
import type { Department } from './modules/technician/technician.entity.ts';
import type { TicketChannel, TicketPriority, TicketStatus } from './modules/ticket/ticket.entity.ts';

/** Demo time stands still, so that reruns produce the same rows. */
const DEMO_NOW = new Date('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Typical ISP requests, in each customer's language (the scale seed draws from them too). */
export const SUBJECTS: Record<'fr' | 'en', readonly (readonly [subject: string, description: string | null])[]> = {
  fr: [
    ['Pas de connexion Internet', 'Le modem clignote en rouge depuis ce matin, aucun appareil ne se connecte.'],
    ['Wi-Fi lent à l\'étage', 'Le débit tombe sous 5 Mb/s dans les chambres.'],
    ['Changement de forfait', 'Le client souhaite passer au forfait fibre 1 Gb/s.'],
    ['Question sur la facture', 'Montant plus élevé que d\'habitude ce mois-ci.'],
    ['Pas de tonalité sur la ligne téléphonique', null],
    ['Déménagement du service', 'Transfert du service à la nouvelle adresse le mois prochain.'],
    ['Coupures intermittentes en soirée', 'La connexion coupe plusieurs fois entre 19 h et 22 h.'],
    ['Remplacement du modem', 'Le modem redémarre tout seul; remplacement demandé.'],
    ['Messagerie vocale inaccessible', null],
  ],
  en: [
    ['No Internet connection', 'Modem light is red since this morning; no device can connect.'],
    ['Slow Wi-Fi', 'Speed drops below 5 Mbps upstairs.'],
    ['Plan change', 'Customer wants to move to the 1 Gbps fibre plan.'],
    ['Billing question', 'This month\'s bill is higher than usual.'],
    ['No dial tone on the home phone', null],
    ['Moving service to a new address', 'Service to be transferred next month.'],
    ['Intermittent drops in the evening', 'Connection drops several times between 7 and 10 pm.'],
    ['Modem replacement', 'Modem keeps rebooting by itself.'],
    ['Static IP request', null],
  ],
};

/** The team each of the SUBJECTS goes to, by position (the same in both languages). */
export const SUBJECT_DEPARTMENTS: readonly Department[] = [
  'TECHNICAL_SUPPORT', 'TECHNICAL_SUPPORT', 'SALES', 'BILLING', 'TECHNICAL_SUPPORT', 'FIELD_SERVICE', 'TECHNICAL_SUPPORT', 'FIELD_SERVICE',
  'TECHNICAL_SUPPORT',
];

export interface DemoTicketRow {
  id: string;
  tenant_id: string;
  number: number;
  customer_id: string;
  location_id: string | null;
  subject: string;
  description: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  department: Department;
  assignee_id: string | null;
  first_response_at: string | null;
  /** The customer's language (not a column): messages and parts are written in it. */
  language: 'fr' | 'en';
}

/**
 * Seeds a few technicians, then 0 to 6 tickets per demo customer over the past
 * years: mostly resolved or closed, the newest sometimes still active, routed
 * to a department and (once answered) a technician, with their conversations,
 * field visits and work orders, and the events all of it would have produced,
 * at their own times (the timeline's history). Deterministic ids and numbers
 * and `ON CONFLICT DO NOTHING` make a rerun a no-op.
 */
export async function seedDemo(em: EntityManager, tenant: DemoTenant): Promise<void> {
  const technicians = demoTechnicians(tenant);
  await seedTechnicians(em, technicians);
  const tickets = tenant.customers.flatMap((customer) => customerTickets(tenant.id, customer, technicians));
  // Numbers follow time across the tenant, as if the tickets had been opened live.
  tickets.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  const rows: DemoTicketRow[] = tickets.map((ticket, index) => ({ ...ticket, number: index + 1 }));
  const inserted = await em.execute<Record<string, unknown>[]>(
    `INSERT INTO support.ticket (id, tenant_id, number, customer_id, location_id, subject, description, status, priority, channel,
       created_at, updated_at, resolved_at, department, assignee_id, first_response_at)
     SELECT id, tenant_id, number, customer_id, location_id, subject, description, status, priority, channel,
       created_at, updated_at, resolved_at, department, assignee_id, first_response_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, number integer, customer_id uuid, location_id uuid,
       subject text, description text, status text, priority text, channel text,
       created_at timestamptz, updated_at timestamptz, resolved_at timestamptz, department text, assignee_id uuid, first_response_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [JSON.stringify(rows)],
  );
  // Tickets opened later continue after the seeded numbers.
  await em.execute(
    `INSERT INTO support.ticket_counter AS c (tenant_id, last_number) VALUES (?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = greatest(c.last_number, excluded.last_number)`,
    [tenant.id, rows.length],
  );
  const messages = await seedConversations(em, tenant.id, rows, technicians);
  const fieldWork = await seedFieldWork(em, tenant, rows, technicians);
  await recordDemoHistory(em, tenant.id, { tickets: inserted, messages, ...fieldWork });
}

function customerTickets(tenantId: string, customer: DemoCustomer, technicians: DemoTechnician[]): Omit<DemoTicketRow, 'number'>[] {
  // Same language as the customer's name in the customers subgraph (demoFaker's default for index + 1).
  const language = (customer.index + 1) % 3 === 0 ? 'en' : 'fr';
  const faker = demoFaker(90_000 + customer.index, language);
  // Routing has its own faker, so that the tickets themselves stay as they were before it existed.
  const routing = demoFaker(95_000 + customer.index);
  const count = faker.number.int({ min: 0, max: 6 });
  const dates = Array.from({ length: count }, () => faker.date.past({ years: 5, refDate: DEMO_NOW })).sort((a, b) => a.getTime() - b.getTime());
  return dates.map((date, n) => {
    const newest = n === count - 1;
    const active = newest && faker.number.float() < 0.35;
    const createdAt = active ? faker.date.recent({ days: 20, refDate: DEMO_NOW }) : date;
    const status: TicketStatus = active
      ? faker.helpers.weightedArrayElement([{ value: 'OPEN', weight: 6 }, { value: 'IN_PROGRESS', weight: 3 }, { value: 'WAITING_CUSTOMER', weight: 2 }])
      : faker.helpers.weightedArrayElement([{ value: 'CLOSED', weight: 7 }, { value: 'RESOLVED', weight: 3 }]);
    const resolvedAt = active ? null : new Date(createdAt.getTime() + faker.number.int({ min: 1, max: 96 }) * HOUR);
    const pair = faker.helpers.arrayElement(SUBJECTS[language]);
    const [subject, description] = pair;
    const department = SUBJECT_DEPARTMENTS[SUBJECTS[language].indexOf(pair)] ?? 'TECHNICAL_SUPPORT';
    // Tickets someone answered: within four hours, and before the resolution.
    const answered = status !== 'OPEN';
    const firstResponseAt = answered
      ? Math.min(createdAt.getTime() + routing.number.int({ min: 5, max: 240 }) * MINUTE, (resolvedAt?.getTime() ?? Infinity) - 2 * MINUTE)
      : null;
    const team = technicians.filter((technician) => technician.active && technician.department === (department === 'FIELD_SERVICE' ? 'FIELD_SERVICE' : 'TECHNICAL_SUPPORT'));
    return {
      id: demoId(tenantId, 'ticket', customer.index, n),
      tenant_id: tenantId,
      customer_id: customer.id,
      location_id: faker.datatype.boolean() ? faker.helpers.arrayElement(customer.locationIds) : null,
      subject,
      description,
      status,
      priority: faker.helpers.weightedArrayElement<TicketPriority>([
        { value: 'LOW', weight: 3 }, { value: 'NORMAL', weight: 12 }, { value: 'HIGH', weight: 4 }, { value: 'URGENT', weight: 1 },
      ]),
      channel: faker.helpers.weightedArrayElement<TicketChannel>([{ value: 'PHONE', weight: 11 }, { value: 'PORTAL', weight: 5 }, { value: 'EMAIL', weight: 4 }]),
      created_at: createdAt.toISOString(),
      updated_at: (resolvedAt ?? createdAt).toISOString(),
      resolved_at: resolvedAt?.toISOString() ?? null,
      department,
      assignee_id: answered && team.length > 0 ? routing.helpers.arrayElement(team).id : null,
      first_response_at: firstResponseAt === null ? null : new Date(firstResponseAt).toISOString(),
      language,
    };
  });
}
