import {
  ISP_SIZE, SCALE_NOW, SCALE_VOLUMES, SecretBox, addressComparisonKey, demoId, placeAddress, planned, reseededFaker, unitHash,
  type SamplePlace, type ScalePlan, type ScaleSession,
} from '@c360/kit';
import { AREA_CODES, respell, respellCity, respellUnit } from '../demo-details.ts';
import { loadServiceEnv } from '../env.ts';
import { sealContext, type VoipSecretName } from '../modules/voip/voip-secrets.ts';
import { inService, type Site } from './sites.ts';

const CHUNK = 2_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** What `generatePassword` draws from: no look-alikes, nothing to escape in a device's configuration. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

interface Line {
  m: number;
  id: string;
  site: Site;
  did: string;
  port: number;
  /** The location's ATA (id, model, MAC), or null for a line without one. */
  ata: { id: string; model: string; mac: string } | null;
  createdAt: Date;
}

type SyncStatus = 'SYNCED' | 'PENDING' | 'FAILED' | 'MISMATCH';

interface E911 {
  m: number;
  id: string;
  did: string;
  site: Site;
  address: SamplePlace;
  status: SyncStatus;
  /** When it was registered (pushed): the line's creation, or the orphan's last push. */
  pushedAt: Date;
}

/** A location that moved after its line was set up while its 911 record kept the old address: what the audit must find. */
export interface Move {
  site: Site;
  from: SamplePlace;
  at: Date;
}

export interface VoipPlan {
  lines: Line[];
  records: E911[];
  moves: Move[];
}

/**
 * The VoIP side of the reference ISP: 790 lines (scale 1) at 745 customers'
 * locations with an ATA in service, the second port of the ATA for the
 * customers with two lines, four of them without an ATA; one 911 record per
 * line, and 224 more for lines that are gone (orphans, with no active line).
 * A known number of locations moved after their line was set up without their
 * 911 address following (`SCALE_VOLUMES.e911AddressMismatches`, at least one
 * when there are lines): the 911 audit must find exactly those mismatches and
 * orphans. Half the 911 addresses are written in another spelling that
 * normalises to the service address. Sync statuses agree with the sync
 * attempts: SYNCED after a successful push, FAILED after a refused one,
 * MISMATCH after a verification that found another address, PENDING never pushed.
 */
export function planVoip(plan: ScalePlan, sites: Site[]): VoipPlan {
  const { tenantId } = plan;
  const rand = (...parts: (string | number)[]) => unitHash(tenantId, 'voip', ...parts);
  const lineCount = planned(plan, ISP_SIZE.voipLines);
  const byHash = <T extends { id: string }>(list: T[], what: string) => [...list].sort((a, b) => rand(what, a.id) - rand(what, b.id));
  // One location per customer (drawn by hash among their locations with an ATA in service).
  const seen = new Set<string>();
  const candidates = byHash(sites.filter((site) => inService(site) && ataOf(site)), 'line-site').filter((site) => {
    if (seen.has(site.customer.id)) return false;
    seen.add(site.customer.id);
    return true;
  });
  const lineSites = candidates.slice(0, Math.min(planned(plan, ISP_SIZE.voipCustomers), lineCount));
  const twoLines = new Set(lineSites.slice(0, lineCount - lineSites.length));
  const withoutAta = lineCount - planned(plan, ISP_SIZE.ataProvisionedLines);

  const lines: Line[] = lineSites.flatMap((site) => Array.from({ length: twoLines.has(site) ? 2 : 1 }, (_, k) => ({ site, port: k + 1 })))
    .map(({ site, port }, m) => {
      const ata = m < lineCount - withoutAta ? ataOf(site) : null;
      return {
        m, id: demoId(tenantId, 'voip-line', site.id, port), site, did: didOf(site, m), port, ata,
        createdAt: new Date(site.installed!.getTime() + port * 2 * HOUR),
      };
    });

  const mismatchCount = lines.length === 0 ? 0 : Math.max(1, planned(plan, SCALE_VOLUMES.e911AddressMismatches));
  const movable = byHash(lines.filter((line) => !twoLines.has(line.site)), 'moved').slice(0, mismatchCount);
  const moves: Move[] = movable.map((line) => ({
    site: line.site,
    // Renumbered, as when a town renumbers a street: another civic number, the same street.
    from: { ...line.site.place, civic_number: String(Number(line.site.place.civic_number) + 2) },
    at: between(line.createdAt, SCALE_NOW, rand('moved-at', line.id)),
  }));
  const movedFrom = new Map(moves.map((move) => [move.site, move.from]));

  const records: E911[] = lines.map((line) => ({
    m: line.m, id: demoId(tenantId, 'e911', line.did), did: line.did, site: line.site,
    address: movedFrom.get(line.site) ?? spelled(line.site.place, line.m, rand('respelled', line.id) < 0.5),
    // A moved location's record was registered before the move: the provider holds what we hold.
    status: movedFrom.has(line.site) ? 'SYNCED' : syncStatus(rand('sync', line.id)),
    pushedAt: new Date(line.createdAt.getTime() + 5 * MINUTE),
  }));
  const lineCustomers = new Set(lineSites.map((site) => site.customer));
  const orphanSites = byHash(sites.filter((site) => site.installed && !lineCustomers.has(site.customer)), 'orphan')
    .slice(0, planned(plan, ISP_SIZE.e911Orphans));
  orphanSites.forEach((site, k) => {
    const m = lines.length + k;
    const did = didOf(site, m);
    records.push({
      m, id: demoId(tenantId, 'e911', did), did, site, address: spelled(site.place, m, rand('respelled', did) < 0.5), status: 'SYNCED',
      pushedAt: new Date(site.installed!.getTime() + DAY),
    });
  });
  return { lines, records, moves };
}

const ataOf = (site: Site) => {
  const ata = site.equipment.find((device) => device.kind === 'ATA' && device.status === 'INSTALLED');
  return ata ? { id: String(ata.id), model: String(ata.model), mac: String(ata.mac_address) } : null;
};

/** A DID of the location's town, unique in the tenant: m picks the exchange (550-559) and the four digits. */
const didOf = (site: Site, m: number) => `+1${AREA_CODES[site.place.city] ?? '450'}${550 + Math.floor(m / 10_000)}${String(m % 10_000).padStart(4, '0')}`;

const between = (from: Date, to: Date, fraction: number) => new Date(from.getTime() + (to.getTime() - from.getTime()) * (0.2 + 0.7 * fraction));

function syncStatus(draw: number): SyncStatus {
  if (draw < 0.04) return 'PENDING';
  if (draw < 0.08) return 'FAILED';
  if (draw < 0.12) return 'MISMATCH';
  return 'SYNCED';
}

/** The place as written, or in another spelling of the same address (`123 r. Principale`, `#4`, `ST-HYACINTHE`, `J2S1A1`). */
function spelled(place: SamplePlace, variant: number, respelled: boolean): SamplePlace {
  if (!respelled) return place;
  return {
    ...place, street: respell(place.street, variant), unit: respellUnit(place.unit, variant), city: respellCity(place.city),
    postal_code: place.postal_code.replace(' ', ''),
  };
}

/** Lines (secrets sealed with the subgraph's key and context, so that the API opens them), 911 records, sync attempts. */
export async function seedVoip(session: ScaleSession, plan: VoipPlan): Promise<void> {
  const { tenantId } = session;
  const env = loadServiceEnv();
  const box = new SecretBox(env.SECRETS_KEY);
  const seal = (line: Line, secret: VoipSecretName, value: string) => box.seal(value, sealContext(tenantId, line.id, secret));
  await session.fill('service.voip_line', plan.lines.length, CHUNK, (from, to) => session.insert(INSERT_LINES, [
    tenantId, env.SIP_DOMAIN, JSON.stringify(plan.lines.slice(from, to).map((line) => lineRow(tenantId, line, seal))),
  ]));
  await session.fill('service.e911_record', plan.records.length, CHUNK, (from, to) => session.insert(INSERT_RECORDS, [
    tenantId, JSON.stringify(plan.records.slice(from, to).map((record) => recordRow(tenantId, record))),
  ]));
  const attempts = plan.records.flatMap((record) => attemptRows(tenantId, record));
  await session.fill('service.e911_sync_attempt', attempts.length, CHUNK, (from, to) => session.insert(INSERT_ATTEMPTS, [
    tenantId, JSON.stringify(attempts.slice(from, to)),
  ]));
}

function lineRow(tenantId: string, line: Line, seal: (line: Line, secret: VoipSecretName, value: string) => string) {
  const rand = (what: string) => unitHash(tenantId, 'voip-line', line.id, what);
  const faker = reseededFaker(Math.floor(rand('faker') * 2 ** 31), line.site.customer.language);
  const secret = (what: string, length: number, alphabet: string) =>
    Array.from({ length }, (_, k) => alphabet[Math.floor(unitHash(tenantId, 'voip-secret', line.id, what, k) * alphabet.length)]).join('');
  const international = rand('international') < 0.1;
  const voicemail = rand('voicemail') < 0.85;
  return {
    id: line.id, location_id: line.site.id, customer_id: line.site.customer.id, did: line.did,
    caller_id_name: faker.person.lastName().toUpperCase().slice(0, 15), extension: rand('extension') < 0.1 ? String(200 + line.port) : null,
    voicemail_enabled: voicemail, voicemail_pin_secret: seal(line, 'VOICEMAIL_PIN', secret('pin', 6, '0123456789')),
    voicemail_email: voicemail ? faker.internet.email().toLowerCase() : null,
    language: line.site.customer.language === 'en' ? 'ENGLISH' : 'FRENCH',
    international_calling: international, country_allow_list: international ? ['FR', 'US'] : [],
    sip_username: line.did.slice(1), sip_password_secret: seal(line, 'SIP_PASSWORD', secret('sip', 16, PASSWORD_ALPHABET)),
    ata_model: line.ata?.model ?? null, ata_mac_address: line.ata?.mac ?? null, ata_port: line.ata ? line.port : null, ata_equipment_id: line.ata?.id ?? null,
    ata_password_secret: line.ata ? seal(line, 'ATA_PASSWORD', secret('ata', 16, PASSWORD_ALPHABET)) : null,
    ata_provisioned_at: line.ata ? new Date(line.createdAt.getTime() + 30 * MINUTE).toISOString() : null,
    legacy_id: `PBX-${line.m + 1}`, created_at: line.createdAt.toISOString(),
  };
}

function recordRow(tenantId: string, record: E911) {
  const rand = (what: string) => unitHash(tenantId, 'e911', record.did, what);
  const faker = reseededFaker(Math.floor(rand('faker') * 2 ** 31), record.site.customer.language);
  const { address } = record;
  const attempts = attemptRows(tenantId, record);
  const last = attempts.at(-1);
  const pushed = attempts.find((attempt) => attempt.outcome === 'SYNCED');
  return {
    id: record.id, did: record.did, customer_id: record.site.customer.id,
    civic_number: address.civic_number, unit: address.unit, street: address.street, city: address.city, region: address.region,
    postal_code: address.postal_code, country: address.country, comparison_key: addressComparisonKey(placeAddress(address)),
    first_name: faker.person.firstName(), last_name: faker.person.lastName(), municipality_code: String(48_000 + Math.floor(rand('cauca') * 1_000)),
    service_class: record.site.customer.heavy ? 'BUS' : 'RES', enhanced_capable: rand('enhanced') < 0.93,
    sync_status: record.status, synced_at: pushed?.attempted_at ?? null, last_sync_at: last?.attempted_at ?? null,
    last_sync_error: record.status === 'FAILED' || record.status === 'MISMATCH' ? last?.detail ?? null : null,
    provider_reference: pushed?.provider_reference ?? null, legacy_id: `E911-${record.m + 1}`,
    created_at: record.pushedAt.toISOString(),
  };
}

/** The record's pushes and checks, oldest first: the last one's outcome is its status (none while PENDING). */
function attemptRows(tenantId: string, record: E911) {
  if (record.status === 'PENDING') return [];
  const comparisonKey = addressComparisonKey(placeAddress(record.address));
  const attempt = (k: number, kind: 'PUSH' | 'VERIFY', outcome: string, at: Date, httpStatus: number, detail: string | null, reference: string | null) => ({
    id: demoId(tenantId, 'e911-attempt', record.did, k), record_id: record.id, did: record.did, kind, outcome, http_status: httpStatus, detail,
    provider_reference: reference, comparison_key: comparisonKey, attempted_at: at.toISOString(),
  });
  const reference = `REG-${record.id.replaceAll('-', '').slice(0, 10).toUpperCase()}`;
  if (record.status === 'FAILED') {
    return [attempt(0, 'PUSH', 'FAILED', record.pushedAt, 422, 'Refused: civic address not found in the provider\'s address guide', null)];
  }
  const pushed = attempt(0, 'PUSH', 'SYNCED', record.pushedAt, 200, null, reference);
  if (record.status === 'SYNCED') return [pushed];
  const checkedAt = between(record.pushedAt, SCALE_NOW, unitHash(tenantId, 'e911', record.did, 'verified'));
  return [pushed, attempt(1, 'VERIFY', 'MISMATCH', checkedAt, 200, 'The provider holds another civic number', null)];
}

const INSERT_LINES = `
  INSERT INTO service.voip_line (id, tenant_id, location_id, customer_id, did, caller_id_name, extension, voicemail_enabled, voicemail_pin_secret,
    voicemail_email, language, international_calling, country_allow_list, sip_username, sip_domain, sip_password_secret, ata_model,
    ata_mac_address, ata_port, ata_password_secret, ata_equipment_id, ata_provisioned_at, legacy_id, created_at, updated_at)
  SELECT r.id, $1, r.location_id, r.customer_id, r.did, r.caller_id_name, r.extension, r.voicemail_enabled, r.voicemail_pin_secret,
    r.voicemail_email, r.language, r.international_calling, ARRAY(SELECT jsonb_array_elements_text(r.country_allow_list)), r.sip_username, $2,
    r.sip_password_secret, r.ata_model, r.ata_mac_address, r.ata_port, r.ata_password_secret, r.ata_equipment_id, r.ata_provisioned_at,
    r.legacy_id, r.created_at, r.created_at
  FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, location_id uuid, customer_id uuid, did text, caller_id_name text, extension text,
    voicemail_enabled boolean, voicemail_pin_secret text, voicemail_email text, language text, international_calling boolean,
    country_allow_list jsonb, sip_username text, sip_password_secret text, ata_model text, ata_mac_address text, ata_port smallint,
    ata_password_secret text, ata_equipment_id uuid, ata_provisioned_at timestamptz, legacy_id text, created_at timestamptz)
  ON CONFLICT DO NOTHING`;

const INSERT_RECORDS = `
  INSERT INTO service.e911_record (id, tenant_id, did, customer_id, civic_number, unit, street, city, region, postal_code, country, comparison_key,
    first_name, last_name, municipality_code, service_class, enhanced_capable, sync_status, synced_at, last_sync_at, last_sync_error,
    provider_reference, legacy_id, created_at, updated_at)
  SELECT r.id, $1, r.did, r.customer_id, r.civic_number, r.unit, r.street, r.city, r.region, r.postal_code, r.country, r.comparison_key,
    r.first_name, r.last_name, r.municipality_code, r.service_class, r.enhanced_capable, r.sync_status, r.synced_at, r.last_sync_at,
    r.last_sync_error, r.provider_reference, r.legacy_id, r.created_at, coalesce(r.last_sync_at, r.created_at)
  FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, did text, customer_id uuid, civic_number text, unit text, street text, city text, region text,
    postal_code text, country text, comparison_key text, first_name text, last_name text, municipality_code text, service_class text,
    enhanced_capable boolean, sync_status text, synced_at timestamptz, last_sync_at timestamptz, last_sync_error text, provider_reference text,
    legacy_id text, created_at timestamptz)
  ON CONFLICT DO NOTHING`;

const INSERT_ATTEMPTS = `
  INSERT INTO service.e911_sync_attempt (id, tenant_id, record_id, did, record_version, kind, outcome, http_status, detail, provider_reference,
    comparison_key, attempted_at)
  SELECT r.id, $1, r.record_id, r.did, 1, r.kind, r.outcome, r.http_status, r.detail, r.provider_reference, r.comparison_key, r.attempted_at
  FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, record_id uuid, did text, kind text, outcome text, http_status int, detail text,
    provider_reference text, comparison_key text, attempted_at timestamptz)
  ON CONFLICT DO NOTHING`;
