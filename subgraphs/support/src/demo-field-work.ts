import { demoFaker, demoId, type DemoTenant, type EntityManager } from '@c360/kit';
import type { DemoTicketRow } from './demo.ts';
import type { Department } from './modules/technician/technician.entity.ts';
import { priceWorkOrder, QUEBEC_PROFILE, type WorkOrderProfile } from './modules/work-order/work-order.pricing.ts';

type Faker = ReturnType<typeof demoFaker>;
/** A row as a raw statement returns it. */
type Row = Record<string, unknown>;

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Imported work orders predate the new system. */
const LEGACY_BEFORE = new Date('2026-06-01T00:00:00Z');

export interface DemoTechnician {
  id: string;
  tenant_id: string;
  external_id: string;
  name: string;
  department: Department;
  active: boolean;
}

/** What each demo tenant prices work orders with (billing's demo profiles, plus an hourly rate). */
const DEMO_PROFILES: Record<string, WorkOrderProfile> = {
  demo: { ...QUEBEC_PROFILE, labourRate: '95.00' },
  acme: { currency: 'EUR', taxes: [{ code: 'TVA', name: 'TVA 20 %', rate: '0.2' }], labourRate: '80.00' },
};

/** Parts a technician brings, by language: [product code, description, unit price]. */
export const PARTS: Record<'fr' | 'en', readonly (readonly [code: string, description: string, unitPrice: string])[]> = {
  fr: [
    ['ONT-HG8245', 'Terminal optique (ONT) de remplacement', '149.99'],
    ['RTR-AX3000', 'Routeur Wi-Fi 6', '129.99'],
    ['CBL-CAT6-15', 'Câble réseau Cat6, 15 m', '14.99'],
    ['FIB-PATCH', 'Cordon de raccordement fibre', '24.50'],
    ['ATA-HT801', 'Adaptateur téléphonique (ATA)', '59.95'],
  ],
  en: [
    ['ONT-HG8245', 'Replacement optical network terminal (ONT)', '149.99'],
    ['RTR-AX3000', 'Wi-Fi 6 router', '129.99'],
    ['CBL-CAT6-15', 'Cat6 network cable, 15 m', '14.99'],
    ['FIB-PATCH', 'Fibre patch cord', '24.50'],
    ['ATA-HT801', 'Analog telephone adapter (ATA)', '59.95'],
  ],
};

/** Visit slots of a day, in UTC (8:00, 10:00, 13:00 and 15:00 in Quebec), two hours each. */
export const SLOT_HOURS_UTC = [13, 15, 18, 20];
const SLOT_LENGTH = 2 * HOUR;

/** A few technicians per tenant (one per 25 customers, at least three); the last one has left. */
export function demoTechnicians(tenant: DemoTenant): DemoTechnician[] {
  const count = Math.max(3, Math.ceil(tenant.customers.length / 25));
  return Array.from({ length: count }, (_, n) => {
    const faker = demoFaker(70_000 + n, 'fr');
    return {
      id: demoId(tenant.id, 'technician', n),
      tenant_id: tenant.id,
      external_id: `EMP-${String(n + 1).padStart(4, '0')}`,
      name: faker.person.fullName(),
      department: n % 3 === 2 ? 'TECHNICAL_SUPPORT' : 'FIELD_SERVICE',
      active: n < count - 1 || count === 3,
    };
  });
}

export async function seedTechnicians(em: EntityManager, technicians: DemoTechnician[]): Promise<void> {
  await em.execute(
    `INSERT INTO support.technician (id, tenant_id, external_id, name, department, active)
     SELECT id, tenant_id, external_id, name, department, active
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, external_id text, name text, department text, active boolean)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(technicians)],
  );
}

/**
 * Field visits of the tickets about a location that needed a technician:
 * a dispatch job the day after the ticket was opened (DONE for resolved tickets,
 * SCHEDULED for active ones), and for each DONE job a completed work order with
 * the technicians' times, parts and labour; plus some legacy work orders
 * without a ticket, as imported from "bons de travail". Technicians are never
 * booked twice in a slot (the database would refuse it). Returns the dispatch
 * jobs and work orders it inserted.
 */
export async function seedFieldWork(em: EntityManager, tenant: DemoTenant, tickets: DemoTicketRow[], technicians: DemoTechnician[]): Promise<{ jobs: Row[]; workOrders: Row[] }> {
  const profile = DEMO_PROFILES[tenant.id] ?? { ...QUEBEC_PROFILE, labourRate: '95.00' };
  await em.execute(
    `INSERT INTO support.work_order_profile (tenant_id, currency, taxes, labour_rate) VALUES (?, ?, ?::jsonb, ?) ON CONFLICT (tenant_id) DO NOTHING`,
    [tenant.id, profile.currency, JSON.stringify(profile.taxes), profile.labourRate],
  );
  const crews = new CrewPlanner(technicians.filter((technician) => technician.active && technician.department === 'FIELD_SERVICE'));
  const jobs: object[] = [];
  const assignments: object[] = [];
  const workOrders: DemoWorkOrder[] = [];
  for (const ticket of tickets) {
    const faker = demoFaker(seedOf(ticket.id));
    if (!ticket.location_id || !needsVisit(ticket, faker)) continue;
    const done = ticket.resolved_at !== null;
    const booking = crews.book(new Date(ticket.created_at), faker.number.float() < 0.15 ? 2 : 1);
    if (!booking) continue;
    const id = demoId(tenant.id, 'dispatch', ticket.id);
    jobs.push({
      id, tenant_id: tenant.id, ticket_id: ticket.id, location_id: ticket.location_id,
      scheduled_start: booking.start.toISOString(), scheduled_end: booking.end.toISOString(), status: done ? 'DONE' : 'SCHEDULED',
      note: null, created_at: ticket.created_at, updated_at: ticket.resolved_at ?? ticket.created_at,
    });
    booking.crew.forEach((technicianId, position) => assignments.push({
      dispatch_job_id: id, technician_id: technicianId, tenant_id: tenant.id, position,
      lower: booking.start.toISOString(), upper: booking.end.toISOString(),
    }));
    if (!done) continue;
    workOrders.push({
      id: demoId(tenant.id, 'work-order', ticket.id), tenant_id: tenant.id, external_id: null,
      customer_id: ticket.customer_id, location_id: ticket.location_id, ticket_id: ticket.id, dispatch_job_id: id,
      ...visitReport(faker, ticket.language, booking),
    });
  }
  workOrders.push(...legacyWorkOrders(tenant, crews));
  const insertedJobs = await em.execute<Row[]>(
    `INSERT INTO support.dispatch_job (id, tenant_id, ticket_id, location_id, scheduled_start, scheduled_end, status, note, created_at, updated_at)
     SELECT id, tenant_id, ticket_id, location_id, scheduled_start, scheduled_end, status, note, created_at, updated_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, ticket_id uuid, location_id uuid, scheduled_start timestamptz,
       scheduled_end timestamptz, status text, note text, created_at timestamptz, updated_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [JSON.stringify(jobs)],
  );
  await em.execute(
    `INSERT INTO support.dispatch_assignment (dispatch_job_id, technician_id, tenant_id, position, scheduled)
     SELECT dispatch_job_id, technician_id, tenant_id, position, tstzrange(lower, upper, '[)')
     FROM jsonb_to_recordset(?::jsonb) AS r(dispatch_job_id uuid, technician_id uuid, tenant_id text, position smallint, lower timestamptz, upper timestamptz)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(assignments)],
  );
  return { jobs: insertedJobs, workOrders: await insertWorkOrders(em, workOrders, profile) };
}

/** Moves and replacements get a technician; some breakdowns too; billing and plan questions never. */
function needsVisit(ticket: DemoTicketRow, faker: Faker): boolean {
  return ticket.department === 'FIELD_SERVICE' || (ticket.department === 'TECHNICAL_SUPPORT' && faker.number.float() < 0.3);
}

/** A faker seeded from a demo id, so that each ticket's visit is the same on every run. */
const seedOf = (id: string): number => Number.parseInt(id.slice(0, 8), 16);

interface Booking {
  start: Date;
  end: Date;
  crew: string[];
}

/** Hands out 2-hour slots from the day after a request, so that no technician is booked twice in a slot. */
class CrewPlanner {
  private readonly technicians: DemoTechnician[];
  private readonly taken = new Set<string>();
  private turn = 0;

  constructor(technicians: DemoTechnician[]) {
    this.technicians = technicians;
  }

  book(after: Date, size: number): Booking | null {
    if (this.technicians.length < size) return null;
    const day = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate() + 1);
    for (let slot = 0; slot < 40; slot += 1) {
      const start = day + Math.floor(slot / SLOT_HOURS_UTC.length) * 24 * HOUR + SLOT_HOURS_UTC[slot % SLOT_HOURS_UTC.length]! * HOUR;
      const free = this.rotated().filter((technician) => !this.taken.has(`${technician.id}|${start}`)).slice(0, size);
      if (free.length < size) continue;
      for (const technician of free) this.taken.add(`${technician.id}|${start}`);
      this.turn += 1;
      return { start: new Date(start), end: new Date(start + SLOT_LENGTH), crew: free.map((technician) => technician.id) };
    }
    return null;
  }

  /** Technicians in turn, so that work spreads over all of them. */
  private rotated(): DemoTechnician[] {
    const at = this.turn % this.technicians.length;
    return [...this.technicians.slice(at), ...this.technicians.slice(0, at)];
  }
}

interface DemoWorkOrder {
  id: string;
  tenant_id: string;
  external_id: string | null;
  customer_id: string;
  location_id: string | null;
  ticket_id: string | null;
  dispatch_job_id: string | null;
  billable: boolean;
  note: string | null;
  visits: { technician_id: string; arrived_at: string; departed_at: string }[];
  items: { product_code: string; description: string; quantity: string; unit_price: string }[];
  completed_at: string;
}

/** What the technicians of a booking did: their times on site (most within the slot, some running late), parts, billing. */
function visitReport(faker: Faker, language: 'fr' | 'en', booking: Booking): Pick<DemoWorkOrder, 'billable' | 'note' | 'visits' | 'items' | 'completed_at'> {
  const visits = booking.crew.map((technicianId) => {
    const arrived = booking.start.getTime() + faker.number.int({ min: 0, max: 30 }) * MINUTE;
    const departed = arrived + faker.number.int({ min: 35, max: 150 }) * MINUTE;
    return { technician_id: technicianId, arrived_at: new Date(arrived).toISOString(), departed_at: new Date(departed).toISOString() };
  });
  const items = faker.helpers.arrayElements(PARTS[language], { min: 0, max: 2 }).map(([code, description, unitPrice]) => ({
    product_code: code, description, quantity: code === 'CBL-CAT6-15' ? String(faker.number.int({ min: 1, max: 3 })) : '1', unit_price: unitPrice,
  }));
  return {
    // Repairs under warranty are not billed.
    billable: faker.number.float() < 0.6,
    note: null,
    visits,
    items,
    completed_at: visits.map((visit) => visit.departed_at).sort().at(-1)!,
  };
}

/** Imported "bons de travail": no ticket nor dispatch job, a legacy id; about one customer in ten. */
function legacyWorkOrders(tenant: DemoTenant, crews: CrewPlanner): DemoWorkOrder[] {
  return tenant.customers.filter((customer) => customer.index % 10 === 7).flatMap((customer) => {
    const faker = demoFaker(80_000 + customer.index);
    const booking = crews.book(faker.date.past({ years: 4, refDate: LEGACY_BEFORE }), 1);
    if (!booking) return [];
    const language = (customer.index + 1) % 3 === 0 ? 'en' : 'fr';
    return [{
      id: demoId(tenant.id, 'legacy-work-order', customer.index), tenant_id: tenant.id, external_id: `BT-${10_000 + customer.index}`,
      customer_id: customer.id, location_id: customer.locationIds[0] ?? null, ticket_id: null, dispatch_job_id: null,
      ...visitReport(faker, language, booking),
    }];
  });
}

/** Work orders with their visits and items; money derived by the same function as live writes. Returns the work orders it inserted. */
async function insertWorkOrders(em: EntityManager, workOrders: DemoWorkOrder[], profile: WorkOrderProfile): Promise<Row[]> {
  const headers = workOrders.map(({ visits, items, ...workOrder }) => {
    const spans = visits.map((visit) => ({ arrivedAt: new Date(visit.arrived_at), departedAt: new Date(visit.departed_at) }));
    const priced = priceWorkOrder(spans, items.map((item) => ({ quantity: item.quantity, unitPrice: item.unit_price })), profile.labourRate, profile.taxes);
    return {
      ...workOrder,
      started_at: visits.map((visit) => visit.arrived_at).sort()[0],
      currency: profile.currency,
      labour_rate: profile.labourRate,
      subtotal: priced.subtotal.toFixed(2),
      taxes: priced.taxes.map((tax) => ({ code: tax.code, name: tax.name, rate: tax.rate, amount: tax.amount.toFixed(2) })),
      tax_total: priced.taxTotal.toFixed(2),
      total: priced.total.toFixed(2),
    };
  });
  const inserted = await em.execute<Row[]>(
    `INSERT INTO support.work_order (id, tenant_id, external_id, customer_id, location_id, ticket_id, dispatch_job_id, started_at, status, billable,
       note, currency, labour_rate, subtotal, taxes, tax_total, total, completed_at, created_at, updated_at)
     SELECT id, tenant_id, external_id, customer_id, location_id, ticket_id, dispatch_job_id, started_at, 'COMPLETED', billable,
       note, currency, labour_rate, subtotal, taxes, tax_total, total, completed_at, started_at, completed_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, external_id text, customer_id uuid, location_id uuid, ticket_id uuid,
       dispatch_job_id uuid, started_at timestamptz, billable boolean, note text, currency text, labour_rate numeric, subtotal numeric,
       taxes jsonb, tax_total numeric, total numeric, completed_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [JSON.stringify(headers)],
  );
  const visits = workOrders.flatMap((workOrder) => workOrder.visits.map((visit, position) => ({ ...visit, work_order_id: workOrder.id, tenant_id: workOrder.tenant_id, position })));
  await em.execute(
    `INSERT INTO support.work_order_visit (work_order_id, position, tenant_id, technician_id, arrived_at, departed_at)
     SELECT work_order_id, position, tenant_id, technician_id, arrived_at, departed_at
     FROM jsonb_to_recordset(?::jsonb) AS r(work_order_id uuid, position smallint, tenant_id text, technician_id uuid, arrived_at timestamptz, departed_at timestamptz)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(visits)],
  );
  const items = workOrders.flatMap((workOrder) => workOrder.items.map((item, lineNo) => ({ ...item, work_order_id: workOrder.id, tenant_id: workOrder.tenant_id, line_no: lineNo })));
  await em.execute(
    `INSERT INTO support.work_order_item (work_order_id, line_no, tenant_id, product_code, description, quantity, unit_price)
     SELECT work_order_id, line_no, tenant_id, product_code, description, quantity, unit_price
     FROM jsonb_to_recordset(?::jsonb) AS r(work_order_id uuid, line_no smallint, tenant_id text, product_code text, description text, quantity numeric, unit_price numeric)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(items)],
  );  return inserted;
}
