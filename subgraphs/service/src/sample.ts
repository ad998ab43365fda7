import type { demoFaker } from '@c360/kit';
import { addressComparisonKey } from '@c360/kit';

/*
 * What the demo and the scale data draw service locations and equipment from:
 * the territory of a Quebec ISP, its device models, and the rows and INSERT
 * statements both seeds write.
 */

/** Towns of the ISP's territory with some of their real postal districts (FSA). */
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

export type ConnectionType = 'FIBRE' | 'DSL' | 'CABLE' | 'WIRELESS';
export type Faker = ReturnType<typeof demoFaker>;
export type Device = { kind: string } & Model;

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Unique serial and MAC per device of a tenant: `slot` is unique per device and
 * multiplying by an odd constant is a bijection modulo 2^32 (2^24), so distinct
 * slots never share a serial suffix or a MAC suffix.
 */
export function identifiers(model: Model, slot: number): { serial: string; mac_address: string } {
  const serial = `${model.serialPrefix}${(Math.imul(slot + 1, 0x9e3779b1) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const suffix = (Math.imul(slot + 1, 0x5deecd) & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
  return { serial, mac_address: `${model.oui}:${suffix.replace(/(..)(?!$)/g, '$1:')}` };
}

/** An address of the territory and how it is connected (mostly fibre). */
export function drawPlace(faker: Faker) {
  const city = faker.helpers.arrayElement(CITIES);
  const digit = () => String(faker.number.int(9));
  const letter = () => faker.helpers.arrayElement([...POSTAL_LETTERS]);
  const place = {
    civic_number: String(faker.number.int({ min: 1, max: 9999 })),
    unit: faker.datatype.boolean(city.apartments) ? String(faker.number.int({ min: 1, max: 12 })) : null,
    street: `${faker.helpers.arrayElement(STREET_TYPES)} ${faker.helpers.arrayElement(STREET_NAMES)}`,
    city: city.name,
    region: 'QC',
    postal_code: `${faker.helpers.arrayElement(city.fsas)} ${digit()}${letter()}${digit()}`,
    country: 'CA',
  };
  const connectionType = faker.helpers.weightedArrayElement<ConnectionType>([
    { weight: 85, value: 'FIBRE' }, { weight: 7, value: 'CABLE' }, { weight: 5, value: 'DSL' }, { weight: 3, value: 'WIRELESS' },
  ]);
  return { place, connectionType };
}

export function locationRow(input: {
  id: string; tenantId: string; customerId: string; place: ReturnType<typeof drawPlace>['place']; connectionType: ConnectionType;
  status: string; installed: Date | null; createdAt: Date;
}): Record<string, unknown> {
  const { place } = input;
  return {
    id: input.id,
    tenant_id: input.tenantId,
    customer_id: input.customerId,
    ...place,
    comparison_key: addressComparisonKey({ ...place, number: place.civic_number, postalCode: place.postal_code }),
    connection_type: input.connectionType,
    status: input.status,
    installed_at: input.installed ? isoDate(input.installed) : null,
    created_at: input.createdAt.toISOString(),
    updated_at: input.createdAt.toISOString(),
  };
}

/**
 * The devices of a location: the ONT (fibre) or modem, then, when wanted, a
 * router (without one, the ONT or modem is the customer's gateway) and an ATA.
 */
export function drawDevices(faker: Faker, connectionType: ConnectionType, wants: { router: () => boolean; ata: () => boolean }): Device[] {
  const first = connectionType === 'FIBRE' ? { kind: 'ONT', ...faker.helpers.arrayElement(ONTS) } : { kind: 'OTHER', ...MODEMS[connectionType] };
  const devices: Device[] = [first];
  if (wants.router()) devices.push({ kind: 'ROUTER', ...faker.helpers.arrayElement(ROUTERS) });
  if (wants.ata()) devices.push({ kind: 'ATA', ...ATA });
  return devices;
}

export function equipmentRow(input: {
  id: string; tenantId: string; locationId: string; device: Device; slot: number; status: string; installed: Date | null; createdAt: Date;
}): Record<string, unknown> {
  return {
    id: input.id,
    tenant_id: input.tenantId,
    location_id: input.locationId,
    kind: input.device.kind,
    model: input.device.model,
    ...identifiers(input.device, input.slot),
    status: input.status,
    installed_at: input.installed ? isoDate(input.installed) : null,
    created_at: input.createdAt.toISOString(),
  };
}

/** Inserts `locationRow`s given as one JSON array parameter (`?` for the ORM, `$1` for pg); existing ids are skipped. */
export const insertLocationsSql = (param: string) => `
  INSERT INTO service.service_location (id, tenant_id, customer_id, civic_number, unit, street, city, region, postal_code, country,
    comparison_key, connection_type, status, installed_at, created_at, updated_at)
  SELECT id, tenant_id, customer_id, civic_number, unit, street, city, region, postal_code, country,
    comparison_key, connection_type, status, installed_at, created_at, updated_at
  FROM jsonb_to_recordset(${param}::jsonb) AS r(id uuid, tenant_id text, customer_id uuid, civic_number text, unit text, street text,
    city text, region text, postal_code text, country text, comparison_key text, connection_type text, status text,
    installed_at date, created_at timestamptz, updated_at timestamptz)
  ON CONFLICT DO NOTHING`;

/** Inserts `equipmentRow`s given as one JSON array parameter; existing ids are skipped. */
export const insertEquipmentSql = (param: string) => `
  INSERT INTO service.equipment (id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at, created_at, updated_at)
  SELECT id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at, created_at, created_at
  FROM jsonb_to_recordset(${param}::jsonb) AS r(id uuid, tenant_id text, location_id uuid, kind text, model text, serial text,
    mac_address text, status text, installed_at date, created_at timestamptz)
  ON CONFLICT DO NOTHING`;
