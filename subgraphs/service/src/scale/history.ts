import {
  ISP_SIZE, addressComparisonKey, demoId, drawSamplePlace, placeAddress, planned, reseededFaker, shares, unitHash, type SamplePlace, type ScaleSession,
} from '@c360/kit';
import type { Site } from './sites.ts';
import type { Move } from './voip.ts';

const CHUNK = 5_000;

interface HistoryRow {
  id: string;
  site: Site;
  /** Null: an earlier address of the customer that no location carries (where they lived before). */
  locationId: string | null;
  address: SamplePlace;
  changedAt: Date;
  changedBy: string | null;
}

/**
 * The address history (16 284 rows at scale 1, as the reference ISP's delivery
 * history): the moves the 911 audit must find first (voip.ts), then the rest
 * spread over installed locations, about half of them, in proportion to how
 * long they have been in service. A location's earlier addresses were
 * renumbered, corrected (postal code) or elsewhere; a customer's first row is
 * now and then the home they had before signing up. Built in Node: comparison
 * keys come from `addressComparisonKey`.
 */
export async function seedAddressHistory(session: ScaleSession, sites: Site[], moves: Move[]): Promise<void> {
  const { plan, tenantId } = session;
  const rand = (...parts: (string | number)[]) => unitHash(tenantId, 'address-history', ...parts);
  const moved = new Set(moves.map((move) => move.site));
  const eligible = sites.filter((site) => site.installed && !moved.has(site));
  const weights = eligible.map((site) => (rand('has', site.id) < 0.5
    ? (site.ended.getTime() - site.installed!.getTime()) * -Math.log(1 - rand('propensity', site.id))
    : 0));
  const counts = shares(Math.max(0, planned(plan, ISP_SIZE.addressHistory) - moves.length), weights);
  const rows: HistoryRow[] = [
    ...moves.map((move) => ({
      id: demoId(tenantId, 'address-history', move.site.id, 'moved'), site: move.site, locationId: move.site.id, address: move.from,
      changedAt: move.at, changedBy: 'agent:addresses',
    })),
    ...eligible.flatMap((site, index) => Array.from({ length: counts[index]! }, (_, j): HistoryRow => {
      const draw = (what: string) => rand(what, site.id, j);
      if (site.n === 0 && j === 0 && draw('before') < 0.25) {
        return { id: demoId(tenantId, 'address-history', site.id, j), site, locationId: null, address: elsewhere(draw('home')), changedAt: site.createdAt, changedBy: null };
      }
      const span = site.ended.getTime() - site.installed!.getTime();
      return {
        id: demoId(tenantId, 'address-history', site.id, j), site, locationId: site.id, address: earlier(site.place, j, draw('variant'), draw('elsewhere')),
        changedAt: new Date(site.installed!.getTime() + span * ((j + 0.1 + 0.8 * draw('at')) / counts[index]!)), changedBy: 'migration',
      };
    })),
  ];
  await session.fill('service.address_history', rows.length, CHUNK, (from, to) => session.insert(INSERT_HISTORY, [
    tenantId, JSON.stringify(rows.slice(from, to).map((row, k) => ({
      id: row.id, customer_id: row.site.customer.id, location_id: row.locationId, ...row.address,
      comparison_key: addressComparisonKey(placeAddress(row.address)), changed_at: row.changedAt.toISOString(), changed_by: row.changedBy,
      legacy_id: `DH-${from + k + 1}`,
    }))),
  ]));
}

/** What the address was before: renumbered, a corrected postal code, or another place. */
function earlier(place: SamplePlace, j: number, variant: number, seed: number): SamplePlace {
  if (variant < 0.5) return { ...place, civic_number: String(Number(place.civic_number) + 2 * (j + 1)) };
  if (variant < 0.75) return { ...place, postal_code: `${place.postal_code.slice(0, 4)}${(j + 1) % 10}${place.postal_code.slice(5)}` };
  return elsewhere(seed);
}

const elsewhere = (seed: number) => drawSamplePlace(reseededFaker(Math.floor(seed * 2 ** 31), 'fr'));

const INSERT_HISTORY = `
  INSERT INTO service.address_history (id, tenant_id, customer_id, location_id, civic_number, unit, street, city, region, postal_code, country,
    comparison_key, changed_at, changed_by, legacy_id, created_at)
  SELECT r.id, $1, r.customer_id, r.location_id, r.civic_number, r.unit, r.street, r.city, r.region, r.postal_code, r.country,
    r.comparison_key, r.changed_at, r.changed_by, r.legacy_id, r.changed_at
  FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, customer_id uuid, location_id uuid, civic_number text, unit text, street text, city text,
    region text, postal_code text, country text, comparison_key text, changed_at timestamptz, changed_by text, legacy_id text)
  ON CONFLICT DO NOTHING`;
