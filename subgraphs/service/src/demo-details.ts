import { demoFaker, demoId, type DemoTenant, type EntityManager } from '@c360/kit';
import { addressComparisonKey } from '@c360/kit';
import type { SecretBox } from './modules/voip/secret-box.ts';
import type { AuditFinding } from './modules/reports/did-report.service.ts';

/*
 * The demo data of everything around the locations and devices that demo.ts
 * seeds: network attachments, address history, removed devices, VoIP lines
 * with their ATA and 911 records, IP history and the network actions of
 * suspended customers. It starts from the rows demo.ts wrote (read back in the
 * same transaction), derives everything from them and the customers' indexes,
 * and writes with deterministic ids and ON CONFLICT DO NOTHING: a rerun is a no-op.
 *
 * The 911 records are mostly written in another spelling than the service
 * address ("r." for "rue", "#4" for "app. 4", "ST-HYACINTHE", no space in the
 * postal code), which normalisation must see through; some are seeded wrong on
 * purpose, and `seedServiceDetails` returns exactly which, for the audit's test.
 */

const REF_DATE = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
/** Area codes of DIDs by town (450 elsewhere); the scale data numbers its DIDs the same way. */
export const AREA_CODES: Record<string, string> = { 'Montréal': '514', Sherbrooke: '819', Drummondville: '819' };

interface LocationRow {
  id: string;
  customer_id: string;
  civic_number: string;
  unit: string | null;
  street: string;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  connection_type: string;
  status: string;
  installed_at: string | null;
  /** Read as text: raw statements return timestamps as strings. */
  created_at: string;
}

interface AtaRow {
  id: string;
  location_id: string;
  model: string;
  mac_address: string;
}

/** What the demo's 911 audit must find, DID by DID, and the ids of the rows with a history of their own that this seed inserted. */
export interface DemoDetailsSummary {
  findings: { did: string; finding: AuditFinding }[];
  inserted: { equipment: string[]; voipLines: string[]; e911Attempts: string[]; ips: string[] };
}

/** Another spelling of the same street that addressComparisonKey folds back together (the demo and scale 911 records). */
export function respell(street: string, variant: number): string {
  const [type = '', ...name] = street.split(' ');
  const rest = name.join(' ');
  switch (type) {
    case 'rue': return variant % 2 ? `r. ${rest}` : `${rest} St`;
    case 'boulevard': return `boul. ${rest}`;
    case 'avenue': return `av. ${rest}`;
    case 'chemin': return `ch. ${rest}`;
    case 'rang': return `rg ${rest}`;
    default: return street.toUpperCase();
  }
}

export const respellUnit = (unit: string | null, variant: number) => (unit ? [`#${unit}`, `app. ${unit}`, `Apt ${unit}`][variant % 3]! : null);
export const respellCity = (city: string) => city.replace(/^Saint-/, 'St-').toUpperCase();

/** A date at least an hour after `from` and about at most `to`, deterministic in `seed`. */
const between = (from: Date, to: Date, seed: number) =>
  new Date(from.getTime() + 3_600_000 + ((seed * 7919) % 997) / 997 * Math.max(to.getTime() - from.getTime() - 3_600_000, DAY));
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export async function seedServiceDetails(em: EntityManager, tenant: DemoTenant, secrets: SecretBox): Promise<DemoDetailsSummary> {
  const customerIndex = new Map(tenant.customers.map((customer) => [customer.id, customer.index]));
  const locationIds = tenant.customers.flatMap((customer) => customer.locationIds);
  const locations = await em.execute<LocationRow[]>(
    `SELECT id, customer_id, civic_number, unit, street, city, region, postal_code, country, connection_type, status, installed_at::text, created_at::text
     FROM service.service_location WHERE tenant_id = ? AND id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`,
    [tenant.id, JSON.stringify(locationIds)],
  );
  const order = new Map(locationIds.map((id, n) => [id, n]));
  const firstLocations = new Set(tenant.customers.map((customer) => customer.locationIds[0]));
  locations.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const atas = await em.execute<AtaRow[]>(
    `SELECT id, location_id, model, mac_address FROM service.equipment
     WHERE tenant_id = ? AND kind = 'ATA' AND status = 'INSTALLED' AND mac_address IS NOT NULL
       AND location_id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)`,
    [tenant.id, JSON.stringify(locationIds)],
  );
  const ataOf = new Map(atas.map((ata) => [ata.location_id, ata]));

  const attachments: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  const replaced: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const records: Record<string, unknown>[] = [];
  const attempts: Record<string, unknown>[] = [];
  const ips: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const findings: DemoDetailsSummary['findings'] = [];
  const ontsOn = new Map<string, number>();
  let lineCount = 0;

  const addRecord = (input: { key: string; did: string; customerId: string; place: LocationRow; respelled: boolean; civicNumber?: string; k: number }) => {
    const { place, k } = input;
    const address = {
      number: input.civicNumber ?? place.civic_number,
      unit: input.respelled ? respellUnit(place.unit, k) : place.unit,
      street: input.respelled ? respell(place.street, k) : place.street,
      city: input.respelled ? respellCity(place.city) : place.city,
      postalCode: input.respelled ? place.postal_code.replace(' ', '') : place.postal_code,
      country: place.country,
    };
    const status = k % 13 === 5 ? 'PENDING' : k % 17 === 3 ? 'FAILED' : k % 19 === 7 ? 'MISMATCH' : 'SYNCED';
    const syncedAt = status === 'SYNCED' || status === 'MISMATCH' ? between(new Date(place.created_at), REF_DATE, k + 1) : null;
    const id = demoId(tenant.id, 'e911', input.key);
    const faker = demoFaker(70_000 + k, 'fr');
    records.push({
      id, tenant_id: tenant.id, did: input.did, customer_id: input.customerId,
      civic_number: address.number, unit: address.unit, street: address.street, city: address.city, region: place.region,
      postal_code: address.postalCode, country: address.country, comparison_key: addressComparisonKey(address),
      first_name: faker.person.firstName(), last_name: faker.person.lastName(),
      municipality_code: String(48_000 + (k % 500)), service_class: k % 10 === 0 ? 'BUS' : 'RES', enhanced_capable: k % 15 !== 0,
      sync_status: status, synced_at: syncedAt?.toISOString() ?? null, last_sync_at: (syncedAt ?? REF_DATE).toISOString(),
      last_sync_error: status === 'FAILED' ? 'Refused: civic address not found in the provider\'s address guide' : status === 'MISMATCH' ? 'The provider holds another civic number' : null,
      provider_reference: syncedAt ? `REG-${(k * 104_729).toString(36).toUpperCase()}` : null,
    });
    if (status !== 'PENDING') {
      attempts.push({
        id: demoId(tenant.id, 'e911-attempt', input.key), tenant_id: tenant.id, record_id: id, did: input.did, record_version: 1,
        kind: status === 'MISMATCH' ? 'VERIFY' : 'PUSH', outcome: status, http_status: status === 'FAILED' ? 422 : 200,
        detail: status === 'SYNCED' ? null : records.at(-1)!.last_sync_error, comparison_key: records.at(-1)!.comparison_key,
        attempted_at: (syncedAt ?? REF_DATE).toISOString(),
      });
    }
  };

  locations.forEach((place, k) => {
    const index = customerIndex.get(place.customer_id) ?? k;
    const installed = place.installed_at ? new Date(`${place.installed_at}T12:00:00Z`) : null;
    const inService = place.status === 'ACTIVE' || place.status === 'SUSPENDED';
    const cityCode = place.city.normalize('NFKD').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 6);

    // Fibre in service: an ONT on a PON port of the town's OLT, 32 per port.
    if (inService && place.connection_type === 'FIBRE') {
      const olt = `OLT-${cityCode}-01`;
      const n = ontsOn.get(olt) ?? 0;
      ontsOn.set(olt, n + 1);
      attachments.push({ id: place.id, olt_name: olt, olt_port: `0/${1 + Math.floor(n / 512)}/${Math.floor(n / 32) % 16}`, ont_id: n % 32 });
    }

    // Some locations were renumbered or corrected once; a few customers have an address older than their locations.
    if (installed && index % 5 === 1) {
      history.push({
        id: demoId(tenant.id, 'address-history', place.id, 0), customer_id: place.customer_id, location_id: place.id,
        ...historyAddress(place, String(Number(place.civic_number) + 4)), changed_at: between(installed, REF_DATE, k).toISOString(), changed_by: 'migration',
      });
    }
    if (installed && index % 11 === 3 && firstLocations.has(place.id)) {
      history.push({
        id: demoId(tenant.id, 'address-history', place.customer_id, 'customer'), customer_id: place.customer_id, location_id: null,
        ...historyAddress({ ...place, street: 'rue des Lilas', unit: null }, String(10 + (index % 90))),
        changed_at: new Date(installed.getTime() - 30 * DAY).toISOString(), changed_by: null,
      });
    }

    // Every sixth location had its first router replaced: the old one came back.
    if (installed && index % 6 === 2) {
      const removed = between(installed, REF_DATE, k + 3);
      replaced.push({
        id: demoId(tenant.id, 'equipment-replaced', place.id), location_id: place.id, kind: 'ROUTER', model: 'TP-Link Archer C7',
        serial: `TPLRPL${(Math.imul(k + 1, 0x9e3779b1) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`,
        status: 'RETURNED', installed_at: isoDate(installed), removed_at: isoDate(removed),
        created_at: new Date(installed.getTime() - DAY).toISOString(),
      });
    }

    // IP history: the current IPv4 (carrier-grade NAT range) since installation, an earlier one for every third
    // location (released at the very instant the current one was assigned), and a delegated IPv6 /56 on fibre.
    if (installed && inService) {
      const changedAt = index % 3 === 0 ? between(installed, REF_DATE, k + 5) : installed;
      if (index % 3 === 0) {
        ips.push({ id: demoId(tenant.id, 'ip', place.id, 'previous'), customer_id: place.customer_id, location_id: place.id,
          ip: `100.96.${(k >> 8) & 255}.${k & 255}`, assigned_at: installed.toISOString(), released_at: changedAt.toISOString() });
      }
      ips.push({ id: demoId(tenant.id, 'ip', place.id, 'v4'), customer_id: place.customer_id, location_id: place.id,
        ip: `100.${64 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}`, assigned_at: changedAt.toISOString(), released_at: null });
      if (place.connection_type === 'FIBRE') {
        ips.push({ id: demoId(tenant.id, 'ip', place.id, 'v6'), customer_id: place.customer_id, location_id: place.id,
          ip: `2001:db8:${(k >> 8).toString(16)}:${((k & 255) << 8).toString(16)}::/56`, assigned_at: installed.toISOString(), released_at: null });
      }
    }

    // Suspended customers: their ports were disabled when the suspension came in.
    if (place.status === 'SUSPENDED') {
      const attachment = attachments.find((row) => row.id === place.id);
      actions.push({
        id: demoId(tenant.id, 'network-action', place.id), location_id: place.id, customer_id: place.customer_id, action: 'DISABLE_PORT',
        cause: 'customer.suspended', olt_name: attachment?.olt_name ?? null, olt_port: attachment?.olt_port ?? null, ont_id: attachment?.ont_id ?? null,
        outcome: attachment ? 'SUCCEEDED' : 'NO_ATTACHMENT', detail: attachment ? null : 'No OLT, port and ONT id recorded for this location',
        requested_at: between(installed ?? new Date(place.created_at), REF_DATE, k + 7).toISOString(),
      });
    }

    // VoIP: one line per ATA, two (one per port) on every third.
    const ata = ataOf.get(place.id);
    if (!ata || !inService || !installed) return;
    const area = AREA_CODES[place.city] ?? '450';
    for (let port = 1; port <= (index % 3 === 0 ? 2 : 1); port += 1) {
      const n = lineCount++;
      const did = `+1${area}555${String(1000 + n).padStart(4, '0')}`;
      const id = demoId(tenant.id, 'voip-line', place.id, port);
      const faker = demoFaker(60_000 + n, index % 5 === 0 ? 'en' : 'fr');
      const decommissioned = n % 9 === 8;
      const createdAt = new Date(installed.getTime() + DAY);
      lines.push({
        id, location_id: place.id, customer_id: place.customer_id, did,
        caller_id_name: faker.person.lastName().toUpperCase().slice(0, 15), extension: n % 10 === 0 ? String(200 + port) : null,
        voicemail_enabled: n % 7 !== 0,
        voicemail_pin_secret: secrets.seal(faker.string.numeric(6), `${tenant.id}/voip_line/${id}/VOICEMAIL_PIN`),
        voicemail_email: n % 7 !== 0 ? faker.internet.email().toLowerCase() : null,
        max_calls: 2, call_timeout_seconds: 25, language: index % 5 === 0 ? 'ENGLISH' : 'FRENCH',
        international_calling: n % 10 === 4, country_allow_list: n % 10 === 4 ? ['FR', 'US'] : [],
        sip_username: did.slice(1), sip_domain: 'sip.example.net',
        sip_password_secret: secrets.seal(faker.internet.password({ length: 16, pattern: /[A-Za-z0-9]/ }), `${tenant.id}/voip_line/${id}/SIP_PASSWORD`),
        ata_model: ata.model, ata_mac_address: ata.mac_address, ata_port: port, ata_equipment_id: ata.id,
        ata_password_secret: secrets.seal(faker.internet.password({ length: 16, pattern: /[A-Za-z0-9]/ }), `${tenant.id}/voip_line/${id}/ATA_PASSWORD`),
        ata_provisioned_at: createdAt.toISOString(),
        status: decommissioned ? 'DECOMMISSIONED' : 'ACTIVE', decommissioned_at: decommissioned ? between(createdAt, REF_DATE, n).toISOString() : null,
        created_at: createdAt.toISOString(),
      });
      // The seeded problems: a line without 911 record, a line whose location moved but not its 911 address.
      if (!decommissioned && n % 11 === 6) {
        findings.push({ did, finding: 'NO_911_RECORD' });
        continue;
      }
      if (!decommissioned && n % 7 === 3) {
        const oldNumber = String(Number(place.civic_number) + 2);
        history.push({
          id: demoId(tenant.id, 'address-history', place.id, 'moved'), customer_id: place.customer_id, location_id: place.id,
          ...historyAddress(place, oldNumber), changed_at: between(createdAt, REF_DATE, n).toISOString(), changed_by: 'agent',
        });
        addRecord({ key: did, did, customerId: place.customer_id, place, respelled: true, civicNumber: oldNumber, k: n });
        findings.push({ did, finding: 'ADDRESS_MISMATCH' });
        continue;
      }
      addRecord({ key: did, did, customerId: place.customer_id, place, respelled: n % 2 === 0, k: n });
      if (decommissioned) findings.push({ did, finding: 'NO_ACTIVE_LINE' });
    }
  });

  // 911 registrations left from lines that were never in this system (the legacy orphans).
  tenant.customers.filter((customer) => customer.index % 25 === 7).forEach((customer, m) => {
    const place = locations.find((row) => row.customer_id === customer.id);
    if (!place) return;
    const did = `+1450556${String(1000 + m).padStart(4, '0')}`;
    addRecord({ key: did, did, customerId: customer.id, place, respelled: true, k: 500 + m });
    findings.push({ did, finding: 'NO_ACTIVE_LINE' });
  });

  const inserted = await writeAll(em, tenant.id, { attachments, history, replaced, lines, records, attempts, ips, actions });
  findings.sort((a, b) => a.did.localeCompare(b.did));
  return { findings, inserted };
}

function historyAddress(place: Pick<LocationRow, 'unit' | 'street' | 'city' | 'region' | 'postal_code' | 'country'>, civicNumber: string) {
  return {
    civic_number: civicNumber, unit: place.unit, street: place.street, city: place.city, region: place.region,
    postal_code: place.postal_code, country: place.country,
    comparison_key: addressComparisonKey({ number: civicNumber, unit: place.unit, street: place.street, city: place.city, postalCode: place.postal_code, country: place.country }),
  };
}

async function writeAll(em: EntityManager, tenantId: string, rows: Record<string, Record<string, unknown>[]>): Promise<DemoDetailsSummary['inserted']> {
  const json = (list: Record<string, unknown>[] | undefined) => JSON.stringify((list ?? []).map((row) => ({ tenant_id: tenantId, ...row })));
  const ids = (inserted: { id: string }[]) => inserted.map((row) => row.id);
  await em.execute(
    `UPDATE service.service_location l SET olt_name = a.olt_name, olt_port = a.olt_port, ont_id = a.ont_id
     FROM jsonb_to_recordset(?::jsonb) AS a(id uuid, olt_name text, olt_port text, ont_id int)
     WHERE l.tenant_id = ? AND l.id = a.id AND l.olt_name IS NULL`,
    [json(rows.attachments), tenantId],
  );
  // Devices demo.ts seeded as returned or faulty left on a day after their installation.
  await em.execute(
    `UPDATE service.equipment SET removed_at = LEAST(installed_at + (abs(hashtext(id::text)) % 1500), DATE '2026-11-01')
     WHERE tenant_id = ? AND status IN ('RETURNED', 'FAULTY') AND installed_at IS NOT NULL AND removed_at IS NULL`,
    [tenantId],
  );
  const equipment = ids(await em.execute(
    `INSERT INTO service.equipment (id, tenant_id, location_id, kind, model, serial, status, installed_at, removed_at, created_at, updated_at)
     SELECT id, tenant_id, location_id, kind, model, serial, status, installed_at, removed_at, created_at, created_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, location_id uuid, kind text, model text, serial text, status text,
       installed_at date, removed_at date, created_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [json(rows.replaced)],
  ));
  await em.execute(
    `INSERT INTO service.address_history (id, tenant_id, customer_id, location_id, civic_number, unit, street, city, region, postal_code,
       country, comparison_key, changed_at, changed_by)
     SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, customer_id uuid, location_id uuid, civic_number text, unit text,
       street text, city text, region text, postal_code text, country text, comparison_key text, changed_at timestamptz, changed_by text)
     ON CONFLICT DO NOTHING`,
    [json(rows.history)],
  );
  const voipLines = ids(await em.execute(
    `INSERT INTO service.voip_line (id, tenant_id, location_id, customer_id, did, caller_id_name, extension, voicemail_enabled,
       voicemail_pin_secret, voicemail_email, max_calls, call_timeout_seconds, language, international_calling, country_allow_list,
       sip_username, sip_domain, sip_password_secret, ata_model, ata_mac_address, ata_port, ata_equipment_id, ata_password_secret,
       ata_provisioned_at, status, decommissioned_at, created_at, updated_at)
     SELECT id, tenant_id, location_id, customer_id, did, caller_id_name, extension, voicemail_enabled, voicemail_pin_secret,
       voicemail_email, max_calls, call_timeout_seconds, language, international_calling, ARRAY(SELECT jsonb_array_elements_text(country_allow_list)),
       sip_username, sip_domain, sip_password_secret, ata_model, ata_mac_address, ata_port, ata_equipment_id, ata_password_secret,
       ata_provisioned_at, status, decommissioned_at, created_at, created_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, location_id uuid, customer_id uuid, did text, caller_id_name text,
       extension text, voicemail_enabled boolean, voicemail_pin_secret text, voicemail_email text, max_calls smallint,
       call_timeout_seconds smallint, language text, international_calling boolean, country_allow_list jsonb, sip_username text,
       sip_domain text, sip_password_secret text, ata_model text, ata_mac_address text, ata_port smallint, ata_equipment_id uuid,
       ata_password_secret text, ata_provisioned_at timestamptz, status text, decommissioned_at timestamptz, created_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [json(rows.lines)],
  ));
  await em.execute(
    `INSERT INTO service.e911_record (id, tenant_id, did, customer_id, civic_number, unit, street, city, region, postal_code, country,
       comparison_key, first_name, last_name, municipality_code, service_class, enhanced_capable, sync_status, synced_at, last_sync_at,
       last_sync_error, provider_reference)
     SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, did text, customer_id uuid, civic_number text, unit text,
       street text, city text, region text, postal_code text, country text, comparison_key text, first_name text, last_name text,
       municipality_code text, service_class text, enhanced_capable boolean, sync_status text, synced_at timestamptz,
       last_sync_at timestamptz, last_sync_error text, provider_reference text)
     ON CONFLICT DO NOTHING`,
    [json(rows.records)],
  );
  const e911Attempts = ids(await em.execute(
    `INSERT INTO service.e911_sync_attempt (id, tenant_id, record_id, did, record_version, kind, outcome, http_status, detail, comparison_key, attempted_at)
     SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, record_id uuid, did text, record_version int, kind text,
       outcome text, http_status int, detail text, comparison_key text, attempted_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [json(rows.attempts)],
  ));
  const ips = ids(await em.execute(
    `INSERT INTO service.ip_assignment (id, tenant_id, customer_id, location_id, ip, assigned_at, released_at)
     SELECT id, tenant_id, customer_id, location_id, ip::inet, assigned_at, released_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, customer_id uuid, location_id uuid, ip text, assigned_at timestamptz, released_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [json(rows.ips)],
  ));
  await em.execute(
    `INSERT INTO service.network_action (id, tenant_id, location_id, customer_id, action, cause, olt_name, olt_port, ont_id, outcome, detail, requested_at)
     SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, location_id uuid, customer_id uuid, action text, cause text,
       olt_name text, olt_port text, ont_id int, outcome text, detail text, requested_at timestamptz)
     ON CONFLICT DO NOTHING`,
    [json(rows.actions)],
  );  return { equipment, voipLines, e911Attempts, ips };
}
