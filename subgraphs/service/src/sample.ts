import type { demoFaker } from '@c360/kit';
import { addressComparisonKey, drawSamplePlace, placeAddress, type SamplePlace } from '@c360/kit';

/*
 * What the demo and the scale data draw service locations and equipment from:
 * the territory of a Quebec ISP (the kit's sample places), its device models,
 * and the rows and INSERT statements both seeds write.
 */

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
export function drawPlace(faker: Faker): { place: SamplePlace; connectionType: ConnectionType } {
  const place = drawSamplePlace(faker);
  const connectionType = faker.helpers.weightedArrayElement<ConnectionType>([
    { weight: 85, value: 'FIBRE' }, { weight: 7, value: 'CABLE' }, { weight: 5, value: 'DSL' }, { weight: 3, value: 'WIRELESS' },
  ]);
  return { place, connectionType };
}

/** Where a fibre location hangs off the network. */
export interface Attachment {
  olt_name: string;
  olt_port: string;
  ont_id: number;
}

export function locationRow(input: {
  id: string; tenantId: string; customerId: string; place: SamplePlace; connectionType: ConnectionType;
  status: string; installed: Date | null; createdAt: Date; attachment?: Attachment | null;
}): Record<string, unknown> {
  const { place } = input;
  return {
    ...input.attachment,
    id: input.id,
    tenant_id: input.tenantId,
    customer_id: input.customerId,
    ...place,
    comparison_key: addressComparisonKey(placeAddress(place)),
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
  removed?: Date | null;
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
    removed_at: input.removed ? isoDate(input.removed) : null,
    created_at: input.createdAt.toISOString(),
  };
}

/** Inserts `locationRow`s given as one JSON array parameter (`?` for the ORM, `$1` for pg); existing ids are skipped. */
export const insertLocationsSql = (param: string) => `
  INSERT INTO service.service_location (id, tenant_id, customer_id, civic_number, unit, street, city, region, postal_code, country,
    comparison_key, connection_type, status, installed_at, olt_name, olt_port, ont_id, created_at, updated_at)
  SELECT id, tenant_id, customer_id, civic_number, unit, street, city, region, postal_code, country,
    comparison_key, connection_type, status, installed_at, olt_name, olt_port, ont_id, created_at, updated_at
  FROM jsonb_to_recordset(${param}::jsonb) AS r(id uuid, tenant_id text, customer_id uuid, civic_number text, unit text, street text,
    city text, region text, postal_code text, country text, comparison_key text, connection_type text, status text,
    installed_at date, olt_name text, olt_port text, ont_id int, created_at timestamptz, updated_at timestamptz)
  ON CONFLICT DO NOTHING`;

/** Inserts `equipmentRow`s given as one JSON array parameter; existing ids are skipped. */
export const insertEquipmentSql = (param: string) => `
  INSERT INTO service.equipment (id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at, removed_at, created_at, updated_at)
  SELECT id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at, removed_at, created_at, created_at
  FROM jsonb_to_recordset(${param}::jsonb) AS r(id uuid, tenant_id text, location_id uuid, kind text, model text, serial text,
    mac_address text, status text, installed_at date, removed_at date, created_at timestamptz)
  ON CONFLICT DO NOTHING`;
