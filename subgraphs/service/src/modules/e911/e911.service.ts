import {
  RequestScopedService, conflict, DomainError, ErrorCode, externalSystemError, newId, pageRequest, recordEvents,
  type Connection, type DomainEvent, type EntityManager, type PageArgs, type RequestScope,
} from '@c360/kit';
import type { ServiceLoaders } from '../../loaders.ts';
import { ExternalCallError } from '../../external/http-client.ts';
import { addressOf } from '../location/address.ts';
import { type AddressInput, type Address } from '@c360/kit';
import type { VoipLine } from '../voip/voip-line.entity.ts';
import type { SyncAttemptView } from '../voip/voip-line.loader.ts';
import { E911Record } from './e911-record.entity.ts';
import type { E911Provider } from './e911-provider.client.ts';
import {
  detailsOf, e911Values, normaliseDid, registeredComparisonKey, registrationOf, validateDetails, validateE911Address,
  type E911Details, type E911Values, type ValidDetails,
} from './e911-values.ts';
import { requireVersion } from '../../rows.ts';

export interface SetE911AddressInput {
  did: string;
  /** The version read; null when the DID is expected to have no record yet. */
  expectedVersion?: number | null;
  address: AddressInput;
  details?: E911Details | null;
}

/** A DID whose 911 address follows a location's: the active line on it and its customer. */
export interface DidAtLocation {
  did: string;
  customerId: string;
}

type Outcome = 'SYNCED' | 'FAILED' | 'NOT_CONFIGURED' | 'MISMATCH' | 'MISSING';

interface AttemptResult {
  outcome: Outcome;
  httpStatus: number | null;
  detail: string | null;
  reference: string | null;
}

/** The record's status after an attempt with this outcome (NOT_CONFIGURED leaves it as it is: PENDING). */
const STATUS_AFTER: Record<Outcome, string | null> = { SYNCED: 'SYNCED', FAILED: 'FAILED', MISMATCH: 'MISMATCH', MISSING: 'MISSING', NOT_CONFIGURED: null };
const EVENT_AFTER: Record<Outcome, string | null> = {
  SYNCED: 'e911.synced', FAILED: 'e911.sync_failed', MISMATCH: 'e911.mismatch', MISSING: 'e911.missing', NOT_CONFIGURED: null,
};

const RECORD_COLUMNS = `id uuid, did text, customer_id uuid, civic_number text, unit text, street text, city text, region text,
  postal_code text, country text, comparison_key text, first_name text, last_name text, municipality_code text,
  service_class text, enhanced_capable boolean`;

/**
 * DIDs' 911 registrations. A change is committed first (status PENDING, with
 * its `e911.address_changed` event), then pushed to the provider outside any
 * transaction, then the result is recorded: every attempt in
 * `e911_sync_attempt`, and the record's status unless a newer change has
 * superseded the pushed version (that change's own push decides).
 */
export class E911Service extends RequestScopedService<ServiceLoaders> {
  private readonly provider: E911Provider | null;

  constructor(deps: RequestScope<ServiceLoaders> & { provider: E911Provider | null }) {
    super(deps);
    this.provider = deps.provider;
  }

  byDid(did: string): Promise<E911Record | null> {
    return this.loaders.e911ByDid.load(normaliseDid(did, 'did'));
  }

  forLine(line: VoipLine): Promise<E911Record | null> {
    return this.loaders.e911ByDid.load(line.did);
  }

  activeLine(record: E911Record): Promise<VoipLine | null> {
    return this.loaders.activeLineByDid.load(record.did);
  }

  syncAttempts(record: E911Record, args: PageArgs): Promise<Connection<SyncAttemptView>> {
    return this.loaders.syncAttemptsByRecord.load({ key: record.id, args: pageRequest(args) });
  }

  /** Creates (expectedVersion null) or changes a DID's 911 registration, then pushes it. */
  async setAddress(input: SetE911AddressInput): Promise<{ record: E911Record }> {
    const address = validateE911Address(input.address, 'input.address');
    const did = normaliseDid(input.did, 'input.did', address.country);
    const details = input.details ? validateDetails(input.details, 'input.details') : null;
    const record = await this.em.transactional(async (tx) => {
      const [row] = await tx.execute<Record<string, unknown>[]>(
        'SELECT * FROM service.e911_record WHERE tenant_id = ? AND did = ? FOR UPDATE', [this.tenantId, did]);
      const existing = row ? tx.map(E911Record, row) : null;
      if (existing && input.expectedVersion == null) {
        throw conflict(`${did} already has a 911 record (version ${existing.version}); send it as expectedVersion`, 'input.expectedVersion');
      }
      if (!existing && input.expectedVersion != null) {
        throw conflict(`${did} has no 911 record; send expectedVersion null to create it`, 'input.expectedVersion');
      }
      if (existing) requireVersion(existing.version, input.expectedVersion!, 'input.expectedVersion');
      const [line] = await tx.execute<{ customer_id: string }[]>(
        `SELECT customer_id FROM service.voip_line WHERE tenant_id = ? AND did = ? AND status = 'ACTIVE'`, [this.tenantId, did]);
      const customerId = line?.customer_id ?? existing?.customerId ?? null;
      const values = e911Values(did, customerId, address, details ?? (existing ? detailsOf(existing) : validateDetails({}, 'input.details')));
      const [written] = await this.write(tx, [values], existing ? 'update' : 'create', 'e911_address_set');
      // Both callers found no record and both inserted: the other one won.
      if (!written) throw conflict(`A 911 record for ${did} was created at the same time; read it and retry with its version`, 'input.expectedVersion');
      return written;
    });
    return { record: await this.push(record) };
  }

  /**
   * Inside the caller's transaction (which holds the location's lock): the 911
   * records of these DIDs take the location's address, keeping their details
   * (or taking `details`, for a new line); DIDs without a record get one.
   * Returns the records to push once the transaction has committed.
   */
  async follow(tx: EntityManager, dids: DidAtLocation[], address: Address, cause: string, details?: ValidDetails): Promise<E911Record[]> {
    if (dids.length === 0) return [];
    const rows = await tx.execute<Record<string, unknown>[]>(
      `SELECT * FROM service.e911_record WHERE tenant_id = ? AND did IN (SELECT jsonb_array_elements_text(?::jsonb)) ORDER BY did FOR UPDATE`,
      [this.tenantId, JSON.stringify(dids.map(({ did }) => did))],
    );
    const existing = new Map(rows.map((row) => tx.map(E911Record, row)).map((record) => [record.did, record]));
    const values = dids.map(({ did, customerId }) => {
      const current = existing.get(did);
      return e911Values(did, customerId, address, details ?? (current ? detailsOf(current) : validateDetails({}, 'details')));
    });
    return this.write(tx, values, 'upsert', cause);
  }

  /** Pushes a DID's current 911 address again. */
  async sync(did: string): Promise<{ record: E911Record }> {
    return { record: await this.push(await this.requireRecord(did)) };
  }

  /** Reads the DID's registration back from the provider and compares it with ours after normalisation. */
  async verify(did: string): Promise<{ record: E911Record }> {
    const record = await this.requireRecord(did);
    if (!this.provider) throw externalSystemError('E911_PROVIDER', 'NOT_CONFIGURED', 'No 911 provider is configured here (E911_PROVIDER_URL)');
    const registered = await this.provider.lookup(record.did).catch((error: unknown) => {
      if (error instanceof ExternalCallError) throw externalSystemError('E911_PROVIDER', 'UNAVAILABLE', error.message);
      throw error;
    });
    const result: AttemptResult = !registered
      ? { outcome: 'MISSING', httpStatus: 404, detail: 'The provider has no registration for this DID', reference: null }
      : registeredComparisonKey(registered) === record.comparisonKey
        ? { outcome: 'SYNCED', httpStatus: 200, detail: null, reference: null }
        : { outcome: 'MISMATCH', httpStatus: 200, detail: `The provider has ${describe(registered.address)}`, reference: null };
    return { record: await this.recordResult(record, 'VERIFY', result) };
  }

  /** Pushes each record to the provider (in parallel) and records each result. */
  pushAll(records: E911Record[]): Promise<E911Record[]> {
    return Promise.all(records.map((record) => this.push(record)));
  }

  async push(record: E911Record): Promise<E911Record> {
    return this.recordResult(record, 'PUSH', await this.register(record));
  }

  private async register(record: E911Record): Promise<AttemptResult> {
    if (!this.provider) return { outcome: 'NOT_CONFIGURED', httpStatus: null, detail: 'No 911 provider is configured here (E911_PROVIDER_URL)', reference: null };
    try {
      const result = await this.provider.register(registrationOf(record));
      return result.accepted
        ? { outcome: 'SYNCED', httpStatus: result.httpStatus, detail: null, reference: result.reference }
        : { outcome: 'FAILED', httpStatus: result.httpStatus, detail: `Refused: ${result.reason}`, reference: null };
    } catch (error) {
      if (error instanceof ExternalCallError) return { outcome: 'FAILED', httpStatus: error.status ?? null, detail: error.message, reference: null };
      throw error;
    }
  }

  private recordResult(record: E911Record, kind: 'PUSH' | 'VERIFY', result: AttemptResult): Promise<E911Record> {
    return this.em.transactional(async (tx) => {
      await tx.execute(
        `INSERT INTO service.e911_sync_attempt (id, tenant_id, record_id, did, record_version, kind, outcome, http_status, detail, provider_reference, comparison_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [newId(), this.tenantId, record.id, record.did, record.version, kind, result.outcome, result.httpStatus, result.detail, result.reference, record.comparisonKey],
      );
      const status = STATUS_AFTER[result.outcome];
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE service.e911_record SET sync_status = coalesce(?, sync_status),
           synced_at = CASE WHEN ? = 'SYNCED' THEN now() ELSE synced_at END,
           last_sync_at = now(), last_sync_error = ?, provider_reference = coalesce(?, provider_reference)
         WHERE tenant_id = ? AND id = ? AND version = ?
         RETURNING *`,
        [status, result.outcome, result.outcome === 'SYNCED' ? null : result.detail, result.reference, this.tenantId, record.id, record.version],
      );
      if (!row) {
        const [current] = await tx.execute<Record<string, unknown>[]>('SELECT * FROM service.e911_record WHERE tenant_id = ? AND id = ?', [this.tenantId, record.id]);
        return tx.map(E911Record, current!);
      }
      const updated = tx.map(E911Record, row);
      const type = EVENT_AFTER[result.outcome];
      if (type) {
        await recordEvents(tx, 'service', this.tenantId, [e911SyncEvent(type, updated, result.detail)]);
      }
      return updated;
    });
  }

  private async requireRecord(did: string): Promise<E911Record> {
    const record = await this.loaders.e911ByDid.load(normaliseDid(did, 'input.did'));
    if (!record) throw new DomainError(ErrorCode.NotFound, 'This DID has no 911 record', 'input.did');
    return record;
  }

  /** Writes records (new ones only, or new and existing) as PENDING and records `e911.address_changed` for each. */
  private async write(tx: EntityManager, values: E911Values[], mode: 'create' | 'update' | 'upsert', cause: string): Promise<E911Record[]> {
    const onConflict = mode === 'create' ? 'DO NOTHING' : `DO UPDATE SET
      customer_id = coalesce(excluded.customer_id, r.customer_id), civic_number = excluded.civic_number, unit = excluded.unit,
      street = excluded.street, city = excluded.city, region = excluded.region, postal_code = excluded.postal_code,
      country = excluded.country, comparison_key = excluded.comparison_key, first_name = excluded.first_name,
      last_name = excluded.last_name, municipality_code = excluded.municipality_code, service_class = excluded.service_class,
      enhanced_capable = excluded.enhanced_capable, sync_status = 'PENDING', version = r.version + 1, updated_at = now()`;
    const rows = await tx.execute<Record<string, unknown>[]>(
      `INSERT INTO service.e911_record AS r (id, tenant_id, did, customer_id, civic_number, unit, street, city, region, postal_code,
         country, comparison_key, first_name, last_name, municipality_code, service_class, enhanced_capable, sync_status)
       SELECT x.id, ?, x.did, x.customer_id, x.civic_number, x.unit, x.street, x.city, x.region, x.postal_code,
         x.country, x.comparison_key, x.first_name, x.last_name, x.municipality_code, x.service_class, x.enhanced_capable, 'PENDING'
       FROM jsonb_to_recordset(?::jsonb) AS x(${RECORD_COLUMNS})
       ON CONFLICT (tenant_id, did) ${onConflict}
       RETURNING *`,
      [this.tenantId, JSON.stringify(values.map((value) => ({
        id: newId(), did: value.did, customer_id: value.customerId, civic_number: value.address.number, unit: value.address.unit,
        street: value.address.street, city: value.address.city, region: value.address.region, postal_code: value.address.postalCode,
        country: value.address.country, comparison_key: value.comparisonKey, first_name: value.firstName, last_name: value.lastName,
        municipality_code: value.municipalityCode, service_class: value.serviceClass, enhanced_capable: value.enhancedCapable,
      })))],
    );
    const records = rows.map((row) => tx.map(E911Record, row));
    await recordEvents(tx, 'service', this.tenantId, records.map((record) => ({
      type: 'e911.address_changed',
      subject: record.id,
      data: {
        recordId: record.id, did: record.did, customerId: record.customerId ?? null, cause, version: record.version,
        address: addressOf(record), comparisonKey: record.comparisonKey, serviceClass: record.serviceClass,
      },
    })));
    return records;
  }
}

/** What a push or check with the 911 provider found (`e911.synced`, `.sync_failed`, ...; the demo data records them too, for its past). */
export function e911SyncEvent(type: string, record: E911Record, detail: string | null): DomainEvent {
  return {
    type,
    subject: record.id,
    data: { recordId: record.id, did: record.did, customerId: record.customerId ?? null, version: record.version, syncStatus: record.syncStatus, detail },
  };
}

/** The event of a sync attempt's outcome, if it has one. */
export const e911EventAfter = (outcome: string): string | null => EVENT_AFTER[outcome as Outcome] ?? null;

function describe(address: { houseNumber: string; unit: string | null; street: string; city: string; postalCode: string | null }): string {
  return [address.unit ? `${address.unit}-${address.houseNumber}` : address.houseNumber, address.street, address.city, address.postalCode].filter(Boolean).join(', ');
}
