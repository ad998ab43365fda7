import { demoFaker, demoId, unitHash, SCALE_NOW, type ScaleCustomer, type ScaleSession } from '@c360/kit';
import { drawDevices, drawPlace, equipmentRow, insertEquipmentSql, insertLocationsSql, locationRow } from './sample.ts';

const LOCATIONS_PER_CHUNK = 3_000;
const DAY = 86_400_000;
/** Devices per location by its position in the tenant: two on average, as at the reference ISP (32 000 for 16 000). */
const DEVICES_BY_POSITION = [2, 1, 2, 3];

interface PlannedLocation {
  customer: ScaleCustomer;
  n: number;
  /** Position of the location in the tenant: picks its device count and makes its serials and MACs unique. */
  position: number;
}

/**
 * The plan's service locations (exactly its location ids, which the other
 * subgraphs point at) with Quebec addresses, and their devices: the ONT or
 * modem, a router, sometimes an ATA. Built in Node, unlike the other domains,
 * because an address's comparison key must come from `addressComparisonKey`;
 * at 16 000 locations per scale unit that costs little.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  const locations = planLocations(session.plan.customers);
  const deviceCount = locations.reduce((total, location) => total + devicesAt(location), 0);
  const bars = { locations: session.bar('service.service_location', locations.length), equipment: session.bar('service.equipment', deviceCount) };
  const existing = { locations: await session.existing('service.service_location'), equipment: await session.existing('service.equipment') };
  if (existing.locations >= locations.length && existing.equipment >= deviceCount) {
    bars.locations.skip(existing.locations);
    bars.equipment.skip(existing.equipment);
    return;
  }
  await session.inChunks(locations.length, LOCATIONS_PER_CHUNK, async (from, to) => {
    const rows = locations.slice(from, to).map((location) => rowsFor(session.tenantId, location));
    const locationRows = rows.map((row) => row.location);
    const equipmentRows = rows.flatMap((row) => row.equipment);
    const inserted = await session.query(`WITH inserted AS (${insertLocationsSql('$1')} RETURNING 1) SELECT count(*)::int AS count FROM inserted`, [JSON.stringify(locationRows)]);
    bars.locations.advance(locationRows.length, Number(inserted[0]?.count ?? 0));
    const devices = await session.query(`WITH inserted AS (${insertEquipmentSql('$1')} RETURNING 1) SELECT count(*)::int AS count FROM inserted`, [JSON.stringify(equipmentRows)]);
    bars.equipment.advance(equipmentRows.length, Number(devices[0]?.count ?? 0));
  });
  await session.analyze(['service.service_location', 'service.equipment']);
}

function planLocations(customers: ScaleCustomer[]): PlannedLocation[] {
  let position = 0;
  return customers.flatMap((customer) => customer.locationIds.map((_, n) => ({ customer, n, position: position++ })));
}

const devicesAt = (location: PlannedLocation) => DEVICES_BY_POSITION[location.position % DEVICES_BY_POSITION.length]!;

function rowsFor(tenantId: string, location: PlannedLocation) {
  const { customer, n } = location;
  const rand = (what: string) => unitHash(tenantId, 'location', customer.index, n, what);
  const faker = demoFaker(Math.floor(rand('seed') * 2 ** 31), 'fr');
  const { place, connectionType } = drawPlace(faker);
  const ended = (customer.until ?? SCALE_NOW).getTime();
  // The first location is where they signed up; a second one came later in their tenure.
  const createdAt = new Date(n === 0 ? customer.since.getTime() : customer.since.getTime() + (ended - customer.since.getTime()) * rand('moved'));
  const status = customer.until ? 'DISCONNECTED' : SCALE_NOW.getTime() - createdAt.getTime() < 14 * DAY ? 'PENDING' : 'ACTIVE';
  const installed = status === 'PENDING' ? null : new Date(Math.min(createdAt.getTime() + Math.floor(3 + rand('install') * 28) * DAY, SCALE_NOW.getTime() - DAY));
  const count = devicesAt(location);
  const devices = drawDevices(faker, connectionType, { router: () => count >= 2, ata: () => count >= 3 });
  return {
    location: locationRow({ id: customer.locationIds[n]!, tenantId, customerId: customer.id, place, connectionType, status, installed, createdAt }),
    equipment: devices.map((device, k) => equipmentRow({
      id: demoId(tenantId, 'equipment', customer.index, n, k),
      tenantId,
      locationId: customer.locationIds[n]!,
      device,
      slot: location.position * 4 + k,
      status: status === 'PENDING' ? 'IN_STOCK' : status === 'DISCONNECTED' ? 'RETURNED' : rand(`faulty/${k}`) < 0.03 ? 'FAULTY' : 'INSTALLED',
      installed,
      // Keeps the devices of a location in the order they were listed.
      createdAt: new Date(createdAt.getTime() + k * 1000),
    })),
  };
}
