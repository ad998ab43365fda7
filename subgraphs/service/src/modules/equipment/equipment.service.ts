import {
  RequestScopedService, badInput, conflict, DomainError, ErrorCode, newId, recordEvents, requireUuid, type EntityManager,
} from '@c360/kit';
import { Equipment, type EQUIPMENT_KINDS } from './equipment.entity.ts';
import { normaliseMacAddress } from './mac-address.ts';
import type { ServiceLoaders } from '../../loaders.ts';

export interface AddEquipmentInput {
  locationId: string;
  kind: (typeof EQUIPMENT_KINDS)[number];
  model?: string | null;
  serial: string;
  macAddress?: string | null;
  /** Parsed by the `Date` scalar. */
  installedAt?: Date | null;
}

const SERIAL = /^[A-Z0-9][A-Z0-9._/-]{0,63}$/;
const MAX_MODEL_LENGTH = 100;

/** Serials are compared case-insensitively by manufacturers and technicians alike, so they are stored upper-cased. */
export function normaliseSerial(raw: string, field: string): string {
  const serial = raw.trim().toUpperCase();
  if (!serial) throw badInput(field, 'must not be empty');
  if (!SERIAL.test(serial)) throw badInput(field, `"${raw}" is not a serial number (up to 64 letters, digits, ".", "_", "/" or "-")`);
  return serial;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export class EquipmentService extends RequestScopedService<ServiceLoaders> {

  get(id: string): Promise<Equipment | null> {
    return this.loaders.equipmentById.load(requireUuid(id, 'id'));
  }

  bySerial(serial: string): Promise<Equipment | null> {
    return this.em.findOne(Equipment, { serial: normaliseSerial(serial, 'serial') });
  }

  byMacAddress(macAddress: string): Promise<Equipment | null> {
    return this.em.findOne(Equipment, { macAddress: normaliseMacAddress(macAddress, 'macAddress') });
  }

  /**
   * Installs a device at a location. The unique (tenant, serial) and (tenant,
   * MAC) indexes decide duplicates, so two concurrent calls with one serial add
   * one device and the other gets a CONFLICT naming the field.
   */
  async add(input: AddEquipmentInput): Promise<{ equipment: Equipment }> {
    const values = this.validate(input);
    const location = await this.loaders.locationById.load(requireUuid(input.locationId, 'input.locationId'));
    if (!location) throw new DomainError(ErrorCode.NotFound, 'Service location not found', 'input.locationId');
    return this.em.transactional(async (tx) => {
      const inserted = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO service.equipment (id, tenant_id, location_id, kind, model, serial, mac_address, status, installed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'INSTALLED', ?)
         ON CONFLICT DO NOTHING
         RETURNING *`,
        [newId(), this.tenantId, location.id, values.kind, values.model, values.serial, values.macAddress, values.installedAt],
      );
      if (!inserted[0]) throw await this.duplicate(tx, values);
      const equipment = tx.map(Equipment, inserted[0]);
      await recordEvents(tx, 'service', this.tenantId, [
        {
          type: 'equipment.added',
          subject: equipment.id,
          data: { customerId: location.customerId, locationId: location.id, equipmentId: equipment.id, equipment: snapshot(equipment) },
        },
      ]);
      return { equipment };
    });
  }

  private validate(input: AddEquipmentInput) {
    const model = input.model?.trim() || null;
    if (model && model.length > MAX_MODEL_LENGTH) throw badInput('input.model', `must be at most ${MAX_MODEL_LENGTH} characters`);
    return {
      kind: input.kind,
      model,
      serial: normaliseSerial(input.serial, 'input.serial'),
      macAddress: input.macAddress?.trim() ? normaliseMacAddress(input.macAddress, 'input.macAddress') : null,
      installedAt: isoDate(input.installedAt ?? new Date()),
    };
  }

  /** Says which unique value an insert that did nothing collided with. */
  private async duplicate(tx: EntityManager, values: { serial: string; macAddress: string | null }): Promise<DomainError> {
    const taken = await tx.execute<{ serial: string }[]>(
      'SELECT serial FROM service.equipment WHERE tenant_id = ? AND (serial = ? OR mac_address = ?) LIMIT 1',
      [this.tenantId, values.serial, values.macAddress],
    );
    if (taken[0]?.serial === values.serial) return conflict(`Serial ${values.serial} is already recorded for another device`, 'input.serial');
    if (taken[0]) return conflict(`MAC address ${values.macAddress} is already recorded for another device`, 'input.macAddress');
    return conflict('The device was being added concurrently; retry');
  }
}

function snapshot(equipment: Equipment) {
  return {
    id: equipment.id,
    locationId: equipment.locationId,
    kind: equipment.kind,
    model: equipment.model,
    serial: equipment.serial,
    macAddress: equipment.macAddress,
    status: equipment.status,
    installedAt: equipment.installedAt,
  };
}
