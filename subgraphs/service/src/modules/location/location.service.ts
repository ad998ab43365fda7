import {
  RequestScopedService, badInput, conflict, newId, pageRequest, recordEvents, requireUuid,
  type Caller, type Connection, type DomainEvent, type EntityManager, type PageArgs, type RequestScope,
} from '@c360/kit';
import { ServiceLocation, type CONNECTION_TYPES } from './location.entity.ts';
import { addressColumns, addressOf } from './address.ts';
import { addressComparisonKey, validateAddress, type AddressInput } from '@c360/kit';
import type { AddressHistoryEntry } from './address-history.entity.ts';
import type { NetworkAction } from '../network/network-action.entity.ts';
import type { ServiceLoaders } from '../../loaders.ts';
import type { E911Service } from '../e911/e911.service.ts';
import type { E911Record } from '../e911/e911-record.entity.ts';
import { lockRow, requireVersion, violated } from '../../rows.ts';

export interface CreateServiceLocationInput {
  customerId: string;
  address: AddressInput;
  connectionType: (typeof CONNECTION_TYPES)[number];
}

export interface UpdateServiceLocationAddressInput {
  locationId: string;
  version: number;
  address: AddressInput;
}

export interface InstallServiceLocationInput {
  locationId: string;
  version: number;
  /** Parsed by the `Date` scalar. */
  installedAt?: Date | null;
}

export interface SetNetworkAttachmentInput {
  locationId: string;
  version: number;
  oltName?: string | null;
  oltPort?: string | null;
  ontId?: number | null;
}

/** Most locations a lookup by address returns; one address rarely has more than a handful. */
const AT_ADDRESS_LIMIT = 100;
/** An OLT PON port serves at most 128 ONTs; ids go up to 1023 on some vendors. */
const ON_PORT_LIMIT = 1024;
const OLT_PORT = /^[0-9]+(\/[0-9]+){1,3}$/;

export class LocationService extends RequestScopedService<ServiceLoaders> {
  private readonly e911: E911Service;
  private readonly caller: Caller;

  constructor(deps: RequestScope<ServiceLoaders> & { e911: E911Service; caller: Caller }) {
    super(deps);
    this.e911 = deps.e911;
    this.caller = deps.caller;
  }

  get(id: string): Promise<ServiceLocation | null> {
    return this.loaders.locationById.load(requireUuid(id, 'id'));
  }

  /** `withEquipment` when the query also asks for their equipment: both come in one statement. */
  ofCustomer(customerId: string, withEquipment = false): Promise<ServiceLocation[]> {
    const loader = withEquipment ? this.loaders.locationsWithEquipmentByCustomer : this.loaders.locationsByCustomer;
    return loader.load(customerId.toLowerCase());
  }

  /** The tenant's locations at this address however it is spelled (same comparison key), oldest first. */
  atAddress(input: AddressInput): Promise<ServiceLocation[]> {
    const comparisonKey = addressComparisonKey(validateAddress(input, 'address'));
    return this.em.find(ServiceLocation, { comparisonKey }, { orderBy: { createdAt: 'ASC', id: 'ASC' }, limit: AT_ADDRESS_LIMIT });
  }

  /** Who is on an OLT port: the reach of an outage (served by the attachment's unique index). */
  onOltPort(oltName: string, oltPort: string): Promise<ServiceLocation[]> {
    const port = oltPort.trim();
    if (!OLT_PORT.test(port)) throw badInput('oltPort', `"${oltPort}" is not a port (frame/slot/port, e.g. 0/1/3)`);
    return this.em.find(ServiceLocation, { oltName: oltName.trim(), oltPort: port }, { orderBy: { ontId: 'ASC', id: 'ASC' }, limit: ON_PORT_LIMIT });
  }

  addressHistory(location: ServiceLocation, args: PageArgs): Promise<Connection<AddressHistoryEntry>> {
    return this.loaders.addressHistoryByLocation.load({ key: location.id, args: pageRequest(args) });
  }

  customerAddressHistory(customerId: string, args: PageArgs): Promise<Connection<AddressHistoryEntry>> {
    return this.loaders.addressHistoryByCustomer.load({ key: customerId.toLowerCase(), args: pageRequest(args) });
  }

  networkActions(location: ServiceLocation, args: PageArgs): Promise<Connection<NetworkAction>> {
    return this.loaders.networkActionsByLocation.load({ key: location.id, args: pageRequest(args) });
  }

  /**
   * Creates a PENDING location for a customer. The customer lives in another
   * subgraph, so only the id's form is checked here. The row and its
   * `location.created` event commit together.
   */
  async create(input: CreateServiceLocationInput): Promise<{ location: ServiceLocation }> {
    const customerId = requireUuid(input.customerId, 'input.customerId');
    const address = validateAddress(input.address, 'input.address');
    return this.em.transactional(async (tx) => {
      const location = tx.create(ServiceLocation, {
        id: newId(),
        tenantId: this.tenantId,
        customerId,
        ...addressColumns(address),
        comparisonKey: addressComparisonKey(address),
        connectionType: input.connectionType,
        status: 'PENDING',
        installedAt: null,
      });
      await tx.flush();
      await recordEvents(tx, 'service', this.tenantId, [locationCreatedEvent(location)]);
      return { location };
    });
  }

  /**
   * Moves a location to a new address. Under the location's row lock: the old
   * address goes to the history, the location takes the new one, and the 911
   * records of its ACTIVE lines follow (all in one commit, with their events).
   * The 911 pushes happen after the commit, so a slow provider never holds the lock.
   */
  async updateAddress(input: UpdateServiceLocationAddressInput): Promise<{ location: ServiceLocation; e911Records: E911Record[] }> {
    const address = validateAddress(input.address, 'input.address');
    const { location, records } = await this.em.transactional(async (tx) => {
      const current = tx.map(ServiceLocation, await lockRow(tx, 'service_location', this.tenantId, input.locationId, 'input.locationId', 'Service location'));
      requireVersion(current.version, input.version);
      // Sending the address it already has changes nothing (no history row, no 911 push).
      if (JSON.stringify(addressOf(current)) === JSON.stringify(address)) return { location: current, records: [] };
      const lines = await tx.execute<{ did: string; customer_id: string }[]>(
        `SELECT did, customer_id FROM service.voip_line WHERE tenant_id = ? AND location_id = ? AND status = 'ACTIVE' ORDER BY did`,
        [this.tenantId, current.id],
      );
      if (lines.length > 0 && !address.number) {
        throw badInput('input.address.number', 'is required: the 911 address of this location\'s phone lines follows it, and 911 needs the civic number');
      }
      await this.recordHistory(tx, current);
      const previous = addressOf(current);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE service.service_location SET civic_number = ?, unit = ?, street = ?, city = ?, region = ?, postal_code = ?, country = ?,
           comparison_key = ?, version = version + 1, updated_at = now()
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [address.number, address.unit, address.street, address.city, address.region, address.postalCode, address.country,
          addressComparisonKey(address), this.tenantId, current.id],
      );
      const location = tx.map(ServiceLocation, row!);
      await recordEvents(tx, 'service', this.tenantId, [{
        type: 'location.address_changed',
        subject: location.id,
        data: { customerId: location.customerId, locationId: location.id, previousAddress: previous, location: snapshot(location) },
      }]);
      const dids = lines.map((line) => ({ did: line.did, customerId: line.customer_id }));
      return { location, records: await this.e911.follow(tx, dids, address, 'service_location_address_changed') };
    });
    return { location, e911Records: await this.e911.pushAll(records) };
  }

  /** PENDING → ACTIVE on the day of installation. */
  async install(input: InstallServiceLocationInput): Promise<{ location: ServiceLocation }> {
    const installedAt = (input.installedAt ?? new Date()).toISOString().slice(0, 10);
    if (installedAt > new Date().toISOString().slice(0, 10)) throw badInput('input.installedAt', 'must not be in the future');
    return this.changeStatus(input, ['PENDING'], 'ACTIVE', 'location.installed', installedAt);
  }

  /** ACTIVE or SUSPENDED → DISCONNECTED: service ends at this address (the row and its history stay). */
  disconnect(input: { locationId: string; version: number }): Promise<{ location: ServiceLocation }> {
    return this.changeStatus(input, ['ACTIVE', 'SUSPENDED'], 'DISCONNECTED', 'location.disconnected', null);
  }

  private changeStatus(input: { locationId: string; version: number }, from: string[], to: string, eventType: string, installedAt: string | null) {
    return this.em.transactional(async (tx) => {
      const current = tx.map(ServiceLocation, await lockRow(tx, 'service_location', this.tenantId, input.locationId, 'input.locationId', 'Service location'));
      requireVersion(current.version, input.version);
      if (!from.includes(current.status)) throw badInput('input.locationId', `is ${current.status}; only a ${from.join(' or ')} location can become ${to}`);
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE service.service_location SET status = ?, installed_at = coalesce(?::date, installed_at), version = version + 1, updated_at = now()
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [to, installedAt, this.tenantId, current.id],
      );
      const location = tx.map(ServiceLocation, row!);
      await recordEvents(tx, 'service', this.tenantId, [locationStatusEvent(eventType, location, current.status)]);
      return { location };
    });
  }

  /** Records (or, with a null OLT, removes) where a fibre location is connected. */
  async setNetworkAttachment(input: SetNetworkAttachmentInput): Promise<{ location: ServiceLocation }> {
    const attachment = validateAttachment(input);
    return this.em.transactional(async (tx) => {
      const current = tx.map(ServiceLocation, await lockRow(tx, 'service_location', this.tenantId, input.locationId, 'input.locationId', 'Service location'));
      requireVersion(current.version, input.version);
      if (attachment.oltName && current.connectionType !== 'FIBRE') {
        throw badInput('input.oltName', `only a FIBRE location hangs off an OLT; this one is ${current.connectionType}`);
      }
      const taken = attachment.ontId === null ? [] : await tx.execute<{ id: string }[]>(
        `SELECT id FROM service.service_location WHERE tenant_id = ? AND olt_name = ? AND olt_port = ? AND ont_id = ? AND id <> ?`,
        [this.tenantId, attachment.oltName, attachment.oltPort, attachment.ontId, current.id],
      );
      if (taken[0]) throw conflict(`ONT ${attachment.ontId} on ${attachment.oltName} ${attachment.oltPort} is another location's`, 'input.ontId');
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE service.service_location SET olt_name = ?, olt_port = ?, ont_id = ?, version = version + 1, updated_at = now()
         WHERE tenant_id = ? AND id = ? RETURNING *`,
        [attachment.oltName, attachment.oltPort, attachment.ontId, this.tenantId, current.id],
      ).catch((error: unknown) => {
        // Another location took the ONT id between the check above and this update.
        if (violated(error, 'service_location_tenant_ont_key')) throw conflict(`ONT ${attachment.ontId} on ${attachment.oltName} ${attachment.oltPort} was just given to another location`, 'input.ontId');
        throw error;
      });
      const location = tx.map(ServiceLocation, row!);
      await recordEvents(tx, 'service', this.tenantId, [{
        type: 'location.attachment_changed',
        subject: location.id,
        data: { customerId: location.customerId, locationId: location.id, attachment: networkAttachmentOf(location) },
      }]);
      return { location };
    });
  }

  private async recordHistory(tx: EntityManager, location: ServiceLocation): Promise<void> {
    await tx.execute(
      `INSERT INTO service.address_history (id, tenant_id, customer_id, location_id, civic_number, unit, street, city, region, postal_code,
         country, comparison_key, changed_at, changed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)`,
      [newId(), this.tenantId, location.customerId, location.id, location.civicNumber ?? null, location.unit ?? null, location.street,
        location.city, location.region ?? null, location.postalCode ?? null, location.country, location.comparisonKey, this.caller.subject],
    );
  }
}

function validateAttachment(input: SetNetworkAttachmentInput): { oltName: string | null; oltPort: string | null; ontId: number | null } {
  const oltName = input.oltName?.trim() || null;
  const oltPort = input.oltPort?.trim() || null;
  const ontId = input.ontId ?? null;
  if (!oltName) {
    if (oltPort || ontId !== null) throw badInput('input.oltName', 'is required with a port or an ONT id');
    return { oltName: null, oltPort: null, ontId: null };
  }
  if (oltName.length > 64) throw badInput('input.oltName', 'must be at most 64 characters');
  if (!oltPort) throw badInput('input.oltPort', 'is required with an OLT');
  if (!OLT_PORT.test(oltPort)) throw badInput('input.oltPort', `"${input.oltPort}" is not a port (frame/slot/port, e.g. 0/1/3)`);
  if (ontId !== null && (!Number.isInteger(ontId) || ontId < 0 || ontId > 1023)) throw badInput('input.ontId', 'must be between 0 and 1023');
  return { oltName, oltPort, ontId };
}

/** `NetworkAttachment` of a location (or of a network action), or null. */
export function networkAttachmentOf(row: { oltName?: string | null; oltPort?: string | null; ontId?: number | null }) {
  return row.oltName && row.oltPort ? { oltName: row.oltName, oltPort: row.oltPort, ontId: row.ontId ?? null } : null;
}

/*
 * A location's creation and status changes (`location.installed`,
 * `.disconnected`), of the location as it then is (the demo data records them
 * too, for its past).
 */
export function locationCreatedEvent(location: ServiceLocation): DomainEvent {
  return { type: 'location.created', subject: location.id, data: { customerId: location.customerId, locationId: location.id, location: snapshot(location) } };
}

export function locationStatusEvent(type: string, location: ServiceLocation, previousStatus: string): DomainEvent {
  return { type, subject: location.id, data: { customerId: location.customerId, locationId: location.id, previousStatus, location: snapshot(location) } };
}

export function snapshot(location: ServiceLocation) {
  return {
    id: location.id,
    customerId: location.customerId,
    address: addressOf(location),
    comparisonKey: location.comparisonKey,
    connectionType: location.connectionType,
    status: location.status,
    networkAttachment: networkAttachmentOf(location),
    version: location.version,
  };
}
