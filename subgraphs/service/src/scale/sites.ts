import { SCALE_NOW, demoId, locationFaker, unitHash, type SamplePlace, type ScaleCustomer, type ScaleSession } from '@c360/kit';
import {
  drawDevices, drawPlace, equipmentRow, insertEquipmentSql, insertLocationsSql, locationRow, type Attachment, type ConnectionType,
} from '../sample.ts';

const LOCATIONS_PER_CHUNK = 3_000;
const DAY = 86_400_000;
/** Devices per location by its position in the tenant: two on average, as at the reference ISP (32 000 for 16 000). */
const DEVICES_BY_POSITION = [2, 1, 2, 3];
/** ONTs per PON port, and ports per OLT slot. */
const ONTS_PER_PORT = 32;
const PORTS_PER_SLOT = 16;

/** A planned service location with what the rest of service's scale data needs to know of it. */
export interface Site {
  customer: ScaleCustomer;
  n: number;
  id: string;
  /** Position of the location in the tenant: picks its device count and makes its serials, MACs and ONT slot unique. */
  position: number;
  place: SamplePlace;
  connectionType: ConnectionType;
  status: 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'DISCONNECTED';
  createdAt: Date;
  installed: Date | null;
  /** When its history ends: the customer's departure, or "now". */
  ended: Date;
  attachment: Attachment | null;
  equipment: Record<string, unknown>[];
}

export const inService = (site: Site) => site.status === 'ACTIVE' || site.status === 'SUSPENDED';

/**
 * The plan's service locations (exactly its location ids, which the other
 * subgraphs point at) with Quebec addresses (the place the customers subgraph
 * finds for the same location), and their devices: the ONT or modem, a router,
 * sometimes an ATA. Built in Node: an address's comparison key must come from
 * `addressComparisonKey`, and the faker is reseeded rather than rebuilt per
 * location (`locationFaker`).
 */
export function planSites(tenantId: string, customers: ScaleCustomer[]): Site[] {
  let position = 0;
  return customers.flatMap((customer) => customer.locationIds.map((id, n) => planSite(tenantId, customer, n, id, position++)));
}

function planSite(tenantId: string, customer: ScaleCustomer, n: number, id: string, position: number): Site {
  const rand = (what: string) => unitHash(tenantId, 'location', customer.index, n, what);
  const faker = locationFaker(tenantId, customer.index, n);
  const { place, connectionType } = drawPlace(faker);
  const ended = customer.until ?? SCALE_NOW;
  // The first location is where they signed up; a second one came later in their tenure.
  const createdAt = new Date(n === 0 ? customer.since.getTime() : customer.since.getTime() + (ended.getTime() - customer.since.getTime()) * rand('moved'));
  const status = customer.until ? 'DISCONNECTED' : customer.suspendedSince ? 'SUSPENDED' : SCALE_NOW.getTime() - createdAt.getTime() < 14 * DAY ? 'PENDING' : 'ACTIVE';
  const installed = status === 'PENDING' ? null : new Date(Math.min(createdAt.getTime() + Math.floor(3 + rand('install') * 28) * DAY, SCALE_NOW.getTime() - DAY));
  const count = DEVICES_BY_POSITION[position % DEVICES_BY_POSITION.length]!;
  const devices = drawDevices(faker, connectionType, { router: () => count >= 2, ata: () => count >= 3 });
  const site: Site = {
    customer, n, id, position, place, connectionType, status, createdAt, installed, ended, equipment: [],
    attachment: connectionType === 'FIBRE' && (status === 'ACTIVE' || status === 'SUSPENDED') ? attachmentAt(place.city, position) : null,
  };
  site.equipment = devices.map((device, k) => {
    const deviceStatus = status === 'PENDING' ? 'IN_STOCK' : status === 'DISCONNECTED' ? 'RETURNED' : rand(`faulty/${k}`) < 0.03 ? 'FAULTY' : 'INSTALLED';
    return equipmentRow({
      id: demoId(tenantId, 'equipment', customer.index, n, k),
      tenantId,
      locationId: id,
      device,
      slot: position * 4 + k,
      status: deviceStatus,
      installed,
      // Returned when the customer left (never before it was installed).
      removed: deviceStatus === 'RETURNED' && installed ? new Date(Math.max(ended.getTime(), installed.getTime())) : null,
      // Keeps the devices of a location in the order they were listed.
      createdAt: new Date(createdAt.getTime() + k * 1000),
    });
  });
  return site;
}

/** The town's OLT, and a port and ONT id that no other location of the tenant has (the position is unique). */
function attachmentAt(city: string, position: number): Attachment {
  const cityCode = city.normalize('NFKD').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 6);
  const port = Math.floor(position / ONTS_PER_PORT);
  return { olt_name: `OLT-${cityCode}-01`, olt_port: `0/${1 + Math.floor(port / PORTS_PER_SLOT)}/${port % PORTS_PER_SLOT}`, ont_id: position % ONTS_PER_PORT };
}

/** The locations, then their devices, each table with its bar. */
export async function seedSites(session: ScaleSession, sites: Site[]): Promise<void> {
  const { tenantId } = session;
  const equipment = sites.flatMap((site) => site.equipment);
  await session.bulkLoad({ 'service.service_location': sites.length, 'service.equipment': equipment.length }, async () => {
    await session.fill('service.service_location', sites.length, LOCATIONS_PER_CHUNK, (from, to) => session.insert(insertLocationsSql('$1'), [
      JSON.stringify(sites.slice(from, to).map((site) => locationRow({
        id: site.id, tenantId, customerId: site.customer.id, place: site.place, connectionType: site.connectionType, status: site.status,
        installed: site.installed, createdAt: site.createdAt, attachment: site.attachment,
      }))),
    ]));
    await session.fill('service.equipment', equipment.length, LOCATIONS_PER_CHUNK * 2, (from, to) => session.insert(insertEquipmentSql('$1'), [
      JSON.stringify(equipment.slice(from, to)),
    ]));
  });
}
