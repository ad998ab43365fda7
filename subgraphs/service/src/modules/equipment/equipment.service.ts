import {
  RequestScopedService, badInput, conflict, DomainError, ErrorCode, externalSystemError, keyedLoader, newId, recordEvents, requireUuid,
  type DomainEvent, type EntityManager, type RequestScope,
} from '@c360/kit';
import { Equipment, type EQUIPMENT_KINDS } from './equipment.entity.ts';
import { normaliseMacAddress } from './mac-address.ts';
import type { ServiceLoaders } from '../../loaders.ts';
import { ExternalCallError } from '../../external/http-client.ts';
import { lockRow } from '../../rows.ts';
import type { Acs, AcsTask, AcsTaskResult } from './acs.client.ts';
import type { LiveStatus } from './live-status.ts';

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

export interface RemoveEquipmentInput {
  equipmentId: string;
  /** Parsed by the `Date` scalar. */
  removedAt?: Date | null;
  status?: 'RETURNED' | 'FAULTY' | null;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The ACS's failure as the error clients see: `ACS_UNAVAILABLE`, with why. */
function acsUnavailable(error: unknown): unknown {
  return error instanceof ExternalCallError ? externalSystemError('ACS', 'UNAVAILABLE', error.message) : error;
}

/** Devices at most asked about in one ACS request (keeps the URL of the search short). */
const ACS_BATCH = 200;

export class EquipmentService extends RequestScopedService<ServiceLoaders> {
  private readonly acs: Acs | null;
  /** Live status by serial: one ACS request for all the devices of a request. */
  private readonly liveStatuses: ReturnType<typeof keyedLoader<string, { serial: string; status: LiveStatus }>>;

  constructor(deps: RequestScope<ServiceLoaders> & { acs: Acs | null }) {
    super(deps);
    this.acs = deps.acs;
    this.liveStatuses = keyedLoader(async (serials) => {
      const acs = this.requireAcs();
      const chunks = Array.from({ length: Math.ceil(serials.length / ACS_BATCH) }, (_, n) => serials.slice(n * ACS_BATCH, (n + 1) * ACS_BATCH));
      const answers = await Promise.all(chunks.map((chunk) => acs.liveStatusBySerial(chunk))).catch((error: unknown) => {
        throw acsUnavailable(error);
      });
      return answers.flatMap((statuses) => [...statuses].map(([serial, status]) => ({ serial, status })));
    }, (entry) => entry.serial);
  }

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
      await recordEvents(tx, 'service', this.tenantId, [equipmentEvent('equipment.installed', equipment, location.customerId)]);
      return { equipment };
    });
  }

  /**
   * What the ACS says about an installed device now. Null for a device that is
   * not installed or that the ACS does not know; throws ACS_NOT_CONFIGURED or
   * ACS_UNAVAILABLE, which the field turns into null plus an error.
   */
  async liveStatus(equipment: Equipment): Promise<LiveStatus | null> {
    if (equipment.status !== 'INSTALLED') return null;
    return (await this.liveStatuses.load(equipment.serial))?.status ?? null;
  }

  /** Runs a TR-069 task (reboot, parameter refresh) on the device through the ACS. */
  async runTask(equipmentId: string, task: AcsTask): Promise<{ equipment: Equipment; task: AcsTaskResult }> {
    const equipment = await this.loaders.equipmentById.load(requireUuid(equipmentId, 'input.equipmentId'));
    if (!equipment) throw new DomainError(ErrorCode.NotFound, 'Equipment not found', 'input.equipmentId');
    if (equipment.status !== 'INSTALLED') throw badInput('input.equipmentId', `is ${equipment.status}, not INSTALLED`);
    const result = await this.requireAcs().runTask(equipment.serial, task).catch((error: unknown) => {
      throw acsUnavailable(error);
    });
    if (!result) throw new DomainError(ErrorCode.NotFound, `The ACS knows no device with serial ${equipment.serial}`, 'input.equipmentId');
    const location = await this.loaders.locationById.load(equipment.locationId);
    await recordEvents(this.em, 'service', this.tenantId, [{
      type: task.name === 'reboot' ? 'equipment.reboot_requested' : 'equipment.refresh_requested',
      subject: equipment.id,
      data: { customerId: location?.customerId ?? null, locationId: equipment.locationId, equipmentId: equipment.id, status: result.status, taskId: result.taskId },
    }]);
    return { equipment, task: result };
  }

  /** Takes an installed device out of its location (given back, or found faulty). */
  async remove(input: RemoveEquipmentInput): Promise<{ equipment: Equipment }> {
    const status = input.status ?? 'RETURNED';
    if (status !== 'RETURNED' && status !== 'FAULTY') throw badInput('input.status', 'must be RETURNED or FAULTY');
    const removedAt = isoDate(input.removedAt ?? new Date());
    return this.em.transactional(async (tx) => {
      const current = tx.map(Equipment, await lockRow(tx, 'equipment', this.tenantId, input.equipmentId, 'input.equipmentId', 'Equipment'));
      if (current.status !== 'INSTALLED') throw badInput('input.equipmentId', `is ${current.status}, not INSTALLED`);
      const installedAt = current.installedAt ? isoDate(new Date(current.installedAt)) : null;
      if (installedAt && removedAt < installedAt) throw badInput('input.removedAt', `must not be before the installation day (${installedAt})`);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE service.equipment SET status = ?, removed_at = ?, updated_at = now() WHERE tenant_id = ? AND id = ? RETURNING *`,
        [status, removedAt, this.tenantId, current.id],
      );
      const equipment = tx.map(Equipment, row!);
      const location = await this.loaders.locationById.load(equipment.locationId);
      await recordEvents(tx, 'service', this.tenantId, [equipmentEvent('equipment.removed', equipment, location?.customerId ?? null)]);
      return { equipment };
    });
  }

  private requireAcs(): Acs {
    if (!this.acs) throw externalSystemError('ACS', 'NOT_CONFIGURED', 'No ACS is configured here (ACS_URL); live status and TR-069 actions are unavailable');
    return this.acs;
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

/** A device added to or removed from a location, as it then is (the demo data records them too, for its past). */
export function equipmentEvent(type: 'equipment.installed' | 'equipment.removed', equipment: Equipment, customerId: string | null): DomainEvent {
  return { type, subject: equipment.id, data: { customerId, locationId: equipment.locationId, equipmentId: equipment.id, equipment: snapshot(equipment) } };
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
    removedAt: equipment.removedAt ?? null,
  };
}
