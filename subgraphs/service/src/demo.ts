import { demoFaker, demoId, type DemoTenant, type EntityManager } from '@c360/kit';
import { addressComparisonKey } from './modules/location/address.ts';

/** Towns of the demo ISP's territory with some of their real postal districts (FSA). */
const CITIES = [
  { name: 'Montréal', fsas: ['H2X', 'H2J', 'H1V', 'H4A'], apartments: 0.4 },
  { name: 'Laval', fsas: ['H7N', 'H7T', 'H7G'], apartments: 0.3 },
  { name: 'Longueuil', fsas: ['J4K', 'J4H', 'J4M'], apartments: 0.3 },
  { name: 'Saint-Hyacinthe', fsas: ['J2S', 'J2R', 'J2T'], apartments: 0.15 },
  { name: 'Granby', fsas: ['J2G', 'J2H', 'J2J'], apartments: 0.15 },
  { name: 'Sherbrooke', fsas: ['J1H', 'J1J', 'J1E'], apartments: 0.2 },
  { name: 'Drummondville', fsas: ['J2B', 'J2C'], apartments: 0.1 },
  { name: 'Saint-Jean-sur-Richelieu', fsas: ['J3B', 'J2W'], apartments: 0.1 },
  { name: 'Beloeil', fsas: ['J3G'], apartments: 0.05 },
] as const;
const STREET_TYPES = ['rue', 'rue', 'rue', 'rue', 'boulevard', 'avenue', 'chemin', 'rang', 'montée'] as const;
const STREET_NAMES = [
  'Principale', 'Saint-Jacques', 'Notre-Dame', 'des Érables', 'Laurier', 'Sainte-Catherine', 'du Moulin', 'de la Gare',
  'Saint-Joseph', 'des Cascades', 'Girouard', 'Dessaulles', 'Sicotte', "de l'Église", 'des Pins', 'du Lac', 'Champlain',
  'Papineau', 'Jean-Talon', 'Wilfrid-Laurier', 'des Ormes', 'Cartier', 'Frontenac', 'Marie-Victorin', 'des Patriotes',
  'Saint-Charles', 'Lafontaine', 'des Bouleaux', 'Bellevue', 'du Couvent',
] as const;
/** Letters Canada Post uses in the last three characters of a postal code. */
const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

/** A device model with the serial prefix and MAC vendor prefix (OUI) it ships with. */
interface Model {
  model: string;
  serialPrefix: string;
  oui: string;
}
const ONTS: Model[] = [
  { model: 'Huawei HG8245H', serialPrefix: 'HWTC', oui: '00:E0:FC' },
  { model: 'Nokia G-010G-Q', serialPrefix: 'ALCL', oui: 'A4:E3:1B' },
  { model: 'ZTE F601', serialPrefix: 'ZTEG', oui: '34:4B:50' },
];
const MODEMS: Record<'DSL' | 'CABLE' | 'WIRELESS', Model> = {
  DSL: { model: 'SmartRG SR505N', serialPrefix: 'SRG', oui: '00:26:A8' },
  CABLE: { model: 'Hitron CODA-4582', serialPrefix: 'HTR', oui: '00:1C:EA' },
  WIRELESS: { model: 'Ubiquiti LiteBeam 5AC', serialPrefix: 'UBNT', oui: '24:5A:4C' },
};
const ROUTERS: Model[] = [
  { model: 'TP-Link Archer AX55', serialPrefix: 'TPL', oui: '50:C7:BF' },
  { model: 'ASUS RT-AX58U', serialPrefix: 'ASU', oui: '04:D9:F5' },
  { model: 'eero 6+', serialPrefix: 'EER', oui: 'F8:BB:BF' },
];
const ATA: Model = { model: 'Grandstream HT502', serialPrefix: 'GSHT', oui: '00:0B:82' };

type ConnectionType = 'FIBRE' | 'DSL' | 'CABLE' | 'WIRELESS';
type Faker = ReturnType<typeof demoFaker>;
const REF_DATE = '2026-11-01T00:00:00Z';
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Unique serial and MAC per device of a tenant: `slot` is unique per device and
 * multiplying by an odd constant is a bijection modulo 2^32 (2^24), so distinct
 * slots never share a serial suffix or a MAC suffix.
 */
function identifiers(model: Model, slot: number): { serial: string; mac_address: string } {
  const serial = `${model.serialPrefix}${(Math.imul(slot + 1, 0x9e3779b1) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const suffix = (Math.imul(slot + 1, 0x5deecd) & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
  return { serial, mac_address: `${model.oui}:${suffix.replace(/(..)(?!$)/g, '$1:')}` };
}

function address(faker: Faker) {
  const city = faker.helpers.arrayElement(CITIES);
  const digit = () => String(faker.number.int(9));
  const letter = () => faker.helpers.arrayElement([...POSTAL_LETTERS]);
  return {
    civic_number: String(faker.number.int({ min: 1, max: 9999 })),
    unit: faker.datatype.boolean(city.apartments) ? String(faker.number.int({ min: 1, max: 12 })) : null,
    street: `${faker.helpers.arrayElement(STREET_TYPES)} ${faker.helpers.arrayElement(STREET_NAMES)}`,
    city: city.name,
    region: 'QC',
    postal_code: `${faker.helpers.arrayElement(city.fsas)} ${digit()}${letter()}${digit()}`,
    country: 'CA',
  };
}

/**
 * Seeds each demo customer's service locations (exactly the plan's location
 * ids, which other subgraphs' demo data points at) and one to three devices per
 * location. Deterministic ids and `ON CONFLICT DO NOTHING` make a rerun a no-op.
 */
export async function seedDemo(em: EntityManager, tenant: DemoTenant): Promise<void> {
  const locations: Record<string, unknown>[] = [];
  const equipment: Record<string, unknown>[] = [];
  for (const customer of tenant.customers) {
    customer.locationIds.forEach((locationId, n) => {
      const faker = demoFaker(50_000 + customer.index * 2 + n, 'fr');
      const place = address(faker);
      const connectionType = faker.helpers.weightedArrayElement<ConnectionType>([
        { weight: 85, value: 'FIBRE' }, { weight: 7, value: 'CABLE' }, { weight: 5, value: 'DSL' }, { weight: 3, value: 'WIRELESS' },
      ]);
      // Customers the customers subgraph's demo suspends (every 23rd) are suspended here too.
      const status = customer.index % 23 === 0 ? 'SUSPENDED' : n === 1 && customer.index % 12 === 0 ? 'DISCONNECTED' : customer.index % 29 === 5 ? 'PENDING' : 'ACTIVE';
      const installed = status === 'PENDING' ? null : faker.date.past({ years: 8, refDate: REF_DATE });
      const createdAt = installed
        ? new Date(installed.getTime() - faker.number.int({ min: 3, max: 30 }) * 86_400_000)
        : faker.date.recent({ days: 20, refDate: REF_DATE });
      locations.push({
        id: locationId,
        tenant_id: tenant.id,
        customer_id: customer.id,
        ...place,
        comparison_key: addressComparisonKey({ ...place, number: place.civic_number, postalCode: place.postal_code }),
        connection_type: connectionType,
        status,
        installed_at: installed ? isoDate(installed) : null,
        created_at: createdAt.toISOString(),
        updated_at: createdAt.toISOString(),
      });

      const first = connectionType === 'FIBRE' ? { kind: 'ONT', ...faker.helpers.arrayElement(ONTS) } : { kind: 'OTHER', ...MODEMS[connectionType] };
      const devices: ({ kind: string } & Model)[] = [first];
      // Without a separate router, the ONT or modem is the customer's gateway.
      if (faker.datatype.boolean(0.8)) devices.push({ kind: 'ROUTER', ...faker.helpers.arrayElement(ROUTERS) });
      if (faker.datatype.boolean(0.25)) devices.push({ kind: 'ATA', ...ATA });
      devices.forEach((device, k) => {
        const deviceStatus = status === 'PENDING' ? 'IN_STOCK' : status === 'DISCONNECTED' ? 'RETURNED' : faker.datatype.boolean(0.03) ? 'FAULTY' : 'INSTALLED';
        equipment.push({
          id: demoId(tenant.id, 'equipment', customer.index, n, k),
          tenant_id: tenant.id,
          location_id: locationId,
          kind: device.kind,
          model: device.model,
          ...identifiers(device, customer.index * 8 + n * 4 + k),
          status: deviceStatus,
          installed_at: installed ? isoDate(installed) : null,
          // Keeps the devices of a location in the order they were listed.
          created_at: new Date(createdAt.getTime() + k * 1000).toISOString(),
        });
      });
    });
  }
  await em.execute(
    `INSERT INTO service.service_location (id, tenant_id, customer_id, civic_number, unit, street, city, region, postal_code, country,
       comparison_key, connection_type, status, installed_at, created_at, updated_at)
     SELECT id, tenant_id, customer_id, civic_number, unit, street, city, region, postal_code, country,
       comparison_key, connection_type, status, installed_at, created_at, updated_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, customer_id uuid, civic_number text, unit text, street text,
       city text, region text, postal_code text, country text, comparison_key text, connection_type text, status text,
       installed_at date, created_at timestamptz, updated_at timestamptz)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(locations)],
  );
  await em.execute(
    `INSERT INTO service.equipment (id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at, created_at, updated_at)
     SELECT id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at, created_at, created_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, location_id uuid, kind text, model text, serial text,
       mac_address text, status text, installed_at date, created_at timestamptz)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(equipment)],
  );
}
