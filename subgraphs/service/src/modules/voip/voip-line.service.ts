import {
  RequestScopedService, badInput, conflict, DomainError, ErrorCode, newId, recordEvents, requireUuid,
  type DomainEvent, type EntityManager, type RequestScope,
} from '@c360/kit';
import type { ServiceLoaders } from '../../loaders.ts';
import { lockRow, requireVersion, violated } from '../../rows.ts';
import type { E911Service } from '../e911/e911.service.ts';
import type { E911Record } from '../e911/e911-record.entity.ts';
import { normaliseDid, validateDetails, type E911Details } from '../e911/e911-values.ts';
import { normaliseMacAddress } from '../equipment/mac-address.ts';
import { ServiceLocation } from '../location/location.entity.ts';
import { addressOf } from '../location/address.ts';
import { VoipLine } from './voip-line.entity.ts';
import { COLUMNS, secretValue, validateSettings, type VoipSettingsColumns, type VoipSettingsInput } from './voip-line.values.ts';
import type { VoipSecretName, VoipSecrets } from './voip-secrets.ts';

export interface CreateVoipLineInput extends VoipSettingsInput {
  locationId: string;
  did: string;
  voicemailPin?: string | null;
  sipPassword?: string | null;
  e911?: E911Details | null;
}

export interface UpdateVoipLineInput extends VoipSettingsInput {
  lineId: string;
  version: number;
}

export interface ProvisionAtaInput {
  lineId: string;
  equipmentId?: string | null;
  model?: string | null;
  macAddress?: string | null;
  port?: number | null;
  password?: string | null;
}

const MODEL_MAX = 100;

/** VoIP lines: creation with their 911 registration, settings, decommissioning, secrets and ATA provisioning. */
export class VoipLineService extends RequestScopedService<ServiceLoaders> {
  private readonly e911: E911Service;
  private readonly secrets: VoipSecrets;
  private readonly sipDomain: string;

  constructor(deps: RequestScope<ServiceLoaders> & { e911: E911Service; secrets: VoipSecrets; sipDomain: string }) {
    super(deps);
    this.e911 = deps.e911;
    this.secrets = deps.secrets;
    this.sipDomain = deps.sipDomain;
  }

  get(id: string): Promise<VoipLine | null> {
    return this.loaders.voipLineById.load(requireUuid(id, 'id'));
  }

  byDid(did: string): Promise<VoipLine | null> {
    return this.loaders.activeLineByDid.load(normaliseDid(did, 'did'));
  }

  ofLocation(location: ServiceLocation): Promise<VoipLine[]> {
    return this.loaders.voipLinesByLocation.load(location.id);
  }

  ofCustomer(customerId: string): Promise<VoipLine[]> {
    return this.loaders.voipLinesByCustomer.load(customerId.toLowerCase());
  }

  /**
   * Creates a line and, in the same commit, its DID's 911 record at the
   * location's address (an existing record of the DID, e.g. left by a
   * decommissioned line, takes it over); then pushes the 911 address.
   */
  async create(input: CreateVoipLineInput): Promise<{ line: VoipLine; e911: E911Record }> {
    const location = await this.loaders.locationById.load(requireUuid(input.locationId, 'input.locationId'));
    if (!location) throw new DomainError(ErrorCode.NotFound, 'Service location not found', 'input.locationId');
    if (location.status === 'DISCONNECTED') throw badInput('input.locationId', 'is DISCONNECTED: a line needs a location in service');
    const did = normaliseDid(input.did, 'input.did', location.country);
    const settings = validateSettings(input, 'input');
    const details = validateDetails(input.e911 ?? {}, 'input.e911');
    const id = newId();
    const sipPassword = this.secrets.seal(id, 'SIP_PASSWORD', secretValue('SIP_PASSWORD', input.sipPassword, 'input.sipPassword'));
    const voicemailPin = this.secrets.seal(id, 'VOICEMAIL_PIN', secretValue('VOICEMAIL_PIN', input.voicemailPin, 'input.voicemailPin'));

    const { line, records } = await this.em.transactional(async (tx) => {
      // Locked, so that an address change of the location cannot slip between reading its address and registering it with 911.
      const current = tx.map(ServiceLocation, await lockRow(tx, 'service_location', this.tenantId, location.id, 'input.locationId', 'Service location'));
      if (!current.civicNumber) throw badInput('input.locationId', 'has no civic number, which the line\'s 911 address needs; update its address first');
      const { columns, placeholders, values } = settingsSql(settings);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `INSERT INTO service.voip_line (id, tenant_id, location_id, customer_id, did, sip_username, sip_domain, sip_password_secret, voicemail_pin_secret${columns})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?${placeholders})
         ON CONFLICT DO NOTHING
         RETURNING *`,
        [id, this.tenantId, current.id, current.customerId, did, did.slice(1), this.sipDomain, sipPassword, voicemailPin, ...values],
      );
      // The only unique keys a new line can collide with are its DID's and SIP user's, both the DID's digits.
      if (!row) throw conflict(`${did} is already on an active line`, 'input.did');
      const line = tx.map(VoipLine, row);
      await recordEvents(tx, 'service', this.tenantId, [voipLineCreatedEvent(line)]);
      const records = await this.e911.follow(tx, [{ did, customerId: line.customerId }], addressOf(current), 'voip_line_created', details);
      return { line, records };
    });
    const [e911] = await this.e911.pushAll(records);
    return { line, e911: e911! };
  }

  /** Changes the settings present in the input. */
  async update(input: UpdateVoipLineInput): Promise<{ line: VoipLine }> {
    const settings = validateSettings(input, 'input');
    return this.em.transactional(async (tx) => {
      const current = await this.lockActive(tx, input.lineId);
      requireVersion(current.version, input.version);
      const changed = (Object.keys(settings) as (keyof VoipSettingsColumns)[]).filter((key) => !sameValue(current[key], settings[key]));
      if (changed.length === 0) return { line: current };
      const { assignments, values } = settingsSql(Object.fromEntries(changed.map((key) => [key, settings[key]])));
      const line = await this.updateRow(tx, current, assignments, values);
      await recordEvents(tx, 'service', this.tenantId, [{ type: 'voip_line.updated', subject: line.id, data: { ...eventData(line), changedFields: changed, line: snapshot(line) } }]);
      return { line };
    });
  }

  /** Takes a line out of service. Its DID's 911 record stays, to be deregistered (the audit lists it). */
  async decommission(input: { lineId: string; version: number }): Promise<{ line: VoipLine }> {
    return this.em.transactional(async (tx) => {
      const current = await this.lockActive(tx, input.lineId);
      requireVersion(current.version, input.version);
      const line = await this.updateRow(tx, current, `status = 'DECOMMISSIONED', decommissioned_at = now()`, []);
      await recordEvents(tx, 'service', this.tenantId, [voipLineDecommissionedEvent(line)]);
      return { line };
    });
  }

  /** Sets (or generates) a secret; only roles that may read it may set it. The event never carries the value. */
  async setSecret(input: { lineId: string; secret: VoipSecretName; value?: string | null }): Promise<{ line: VoipLine }> {
    this.secrets.requireWriter(input.secret);
    const value = secretValue(input.secret, input.value, 'input.value');
    return this.em.transactional(async (tx) => {
      const current = await this.lockActive(tx, input.lineId);
      if (input.secret === 'ATA_PASSWORD' && !current.ataMacAddress) throw badInput('input.secret', 'the line is on no ATA; provision one first');
      const column = { SIP_PASSWORD: 'sip_password_secret', VOICEMAIL_PIN: 'voicemail_pin_secret', ATA_PASSWORD: 'ata_password_secret' }[input.secret];
      const line = await this.updateRow(tx, current, `${column} = ?`, [this.secrets.seal(current.id, input.secret, value)]);
      await recordEvents(tx, 'service', this.tenantId, [{ type: 'voip_line.secret_changed', subject: line.id, data: { ...eventData(line), secret: input.secret } }]);
      return { line };
    });
  }

  /** Provisions the line on a port of an ATA; one ACTIVE line per port (unique index). */
  async provisionAta(input: ProvisionAtaInput): Promise<{ line: VoipLine }> {
    const port = input.port ?? 1;
    if (!Number.isInteger(port) || port < 1 || port > 8) throw badInput('input.port', 'must be between 1 and 8');
    const password = secretValue('ATA_PASSWORD', input.password, 'input.password');
    return this.em.transactional(async (tx) => {
      const current = await this.lockActive(tx, input.lineId);
      const device = await this.ataDevice(input, current);
      const line = await this.updateRow(
        tx, current,
        'ata_model = ?, ata_mac_address = ?, ata_port = ?, ata_equipment_id = ?, ata_password_secret = ?, ata_provisioned_at = now()',
        [device.model, device.macAddress, port, device.equipmentId, this.secrets.seal(current.id, 'ATA_PASSWORD', password)],
      ).catch((error: unknown) => {
        if (violated(error, 'voip_line_tenant_ata_port_active_key')) throw conflict(`Port ${port} of ATA ${device.macAddress} already carries an active line`, 'input.port');
        throw error;
      });
      await recordEvents(tx, 'service', this.tenantId, [{
        type: 'voip_line.ata_provisioned',
        subject: line.id,
        data: { ...eventData(line), ata: { model: device.model, macAddress: device.macAddress, port, equipmentId: device.equipmentId } },
      }]);
      return { line };
    });
  }

  /** The ATA's model and MAC: from the linked device (an ATA at the line's location), else as given. */
  private async ataDevice(input: ProvisionAtaInput, line: VoipLine) {
    const macAddress = input.macAddress?.trim() ? normaliseMacAddress(input.macAddress, 'input.macAddress') : null;
    const model = input.model?.trim() || null;
    if (model && model.length > MODEL_MAX) throw badInput('input.model', `must be at most ${MODEL_MAX} characters`);
    if (input.equipmentId) {
      const equipment = await this.loaders.equipmentById.load(requireUuid(input.equipmentId, 'input.equipmentId'));
      if (!equipment) throw new DomainError(ErrorCode.NotFound, 'Equipment not found', 'input.equipmentId');
      if (equipment.kind !== 'ATA') throw badInput('input.equipmentId', `is ${equipment.kind}, not an ATA`);
      if (equipment.locationId !== line.locationId) throw badInput('input.equipmentId', 'is at another location than the line');
      const mac = macAddress ?? equipment.macAddress ?? null;
      if (!mac) throw badInput('input.macAddress', 'is required: the ATA has no MAC address recorded');
      return { model: model ?? equipment.model ?? 'ATA', macAddress: mac, equipmentId: equipment.id };
    }
    if (!model) throw badInput('input.model', 'is required without an equipmentId');
    if (!macAddress) throw badInput('input.macAddress', 'is required without an equipmentId');
    return { model, macAddress, equipmentId: null };
  }

  private async lockActive(tx: EntityManager, lineId: string): Promise<VoipLine> {
    const line = tx.map(VoipLine, await lockRow(tx, 'voip_line', this.tenantId, lineId, 'input.lineId', 'VoIP line'));
    if (line.status !== 'ACTIVE') throw badInput('input.lineId', 'is DECOMMISSIONED');
    return line;
  }

  private async updateRow(tx: EntityManager, line: VoipLine, assignments: string, values: unknown[]): Promise<VoipLine> {
    const [row] = await tx.execute<Record<string, unknown>[]>(
      `UPDATE service.voip_line SET ${assignments}, version = version + 1, updated_at = now() WHERE tenant_id = ? AND id = ? RETURNING *`,
      [...values, this.tenantId, line.id],
    );
    return tx.map(VoipLine, row!);
  }
}

/**
 * SQL fragments for validated settings: column names come from the COLUMNS
 * whitelist only; a list travels as JSON (em.execute would spread a JS array).
 */
function settingsSql(settings: VoipSettingsColumns) {
  const keys = Object.keys(settings) as (keyof typeof COLUMNS)[];
  const placeholder = (key: keyof typeof COLUMNS) => (key === 'countryAllowList' ? 'ARRAY(SELECT jsonb_array_elements_text(?::jsonb))' : '?');
  const values = keys.map((key) => (key === 'countryAllowList' ? JSON.stringify(settings[key]) : settings[key]));
  return {
    columns: keys.map((key) => `, ${COLUMNS[key]}`).join(''),
    placeholders: keys.map((key) => `, ${placeholder(key)}`).join(''),
    assignments: keys.map((key) => `${COLUMNS[key]} = ${placeholder(key)}`).join(', '),
    values,
  };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What every line event carries, so that consumers need no lookup. */
/* A line's creation (with its settings) and decommissioning (the demo data records them too, for its past). */
export function voipLineCreatedEvent(line: VoipLine): DomainEvent {
  return { type: 'voip_line.created', subject: line.id, data: { ...eventData(line), line: snapshot(line) } };
}

export function voipLineDecommissionedEvent(line: VoipLine): DomainEvent {
  return { type: 'voip_line.decommissioned', subject: line.id, data: eventData(line) };
}

function eventData(line: VoipLine) {
  return { customerId: line.customerId, locationId: line.locationId, lineId: line.id, did: line.did, status: line.status, version: line.version };
}

/** The line's settings, never its secrets. */
function snapshot(line: VoipLine) {
  return {
    did: line.did,
    subscriptionId: line.subscriptionId ?? null,
    callerIdName: line.callerIdName ?? null,
    extension: line.extension ?? null,
    voicemailEnabled: line.voicemailEnabled,
    voicemailEmail: line.voicemailEmail ?? null,
    maxCalls: line.maxCalls,
    callTimeoutSeconds: line.callTimeoutSeconds,
    language: line.language,
    internationalCalling: line.internationalCalling,
    countryAllowList: line.countryAllowList,
    sipUsername: line.sipUsername,
    sipDomain: line.sipDomain,
  };
}
