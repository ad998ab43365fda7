import { DemoHistory, uuidArray, type EntityManager } from '@c360/kit';
import { e911EventAfter, e911SyncEvent } from './modules/e911/e911.service.ts';
import { E911Record } from './modules/e911/e911-record.entity.ts';
import { Equipment } from './modules/equipment/equipment.entity.ts';
import { equipmentEvent } from './modules/equipment/equipment.service.ts';
import { IpAssignment } from './modules/ip/ip-assignment.entity.ts';
import { ipEvent } from './modules/ip/ip.service.ts';
import { ServiceLocation } from './modules/location/location.entity.ts';
import { locationCreatedEvent, locationStatusEvent } from './modules/location/location.service.ts';
import { VoipLine } from './modules/voip/voip-line.entity.ts';
import { voipLineCreatedEvent, voipLineDecommissionedEvent } from './modules/voip/voip-line.service.ts';

/** The ids of the rows with a history of their own that one demo seed inserted. */
export interface InsertedServiceIds {
  locations: string[];
  equipment: string[];
  voipLines: string[];
  e911Attempts: string[];
  ips: string[];
}

interface AttemptRow {
  record_id: string;
  outcome: string;
  detail: string | null;
  attempted_at: Date | string;
}

/** A day (`YYYY-MM-DD`) as an instant: noon UTC, within the day wherever the customer is. */
const midday = (day: string | null | undefined) => (day ? `${String(day).slice(0, 10)}T12:00:00Z` : null);

/**
 * The events the demo's service rows would have produced, built by the same
 * functions as the API, each at the time its row says it happened: locations
 * created and installed, devices added and removed, VoIP lines created and
 * decommissioned, 911 registrations pushed or checked, IP addresses assigned
 * and released. Read back once the whole seed is written (devices get their
 * removal day last); only rows this seed inserted count, so a rerun records nothing.
 */
export async function recordDemoHistory(em: EntityManager, tenantId: string, inserted: InsertedServiceIds): Promise<void> {
  const rowsOf = async (table: string, ids: string[]) => ids.length === 0 ? [] :
    em.execute<Record<string, unknown>[]>(`SELECT * FROM service.${table} WHERE tenant_id = ? AND id = ANY(?::uuid[])`, [tenantId, uuidArray(ids)]);
  const history = new DemoHistory(em, 'service', tenantId);

  const equipment = history.entities(Equipment, await rowsOf('equipment', inserted.equipment));
  const fresh = new Set(inserted.locations);
  const locationIds = [...new Set([...inserted.locations, ...equipment.map((device) => device.locationId)])];
  const locations = history.entities(ServiceLocation, await rowsOf('service_location', locationIds));
  const customerOf = new Map(locations.map((location) => [location.id, location.customerId]));
  for (const location of locations.filter((candidate) => fresh.has(candidate.id))) {
    // Created PENDING, without a network attachment; installed (ACTIVE) on its installation day.
    const created = { ...location, status: 'PENDING' as const, installedAt: null, oltName: null, oltPort: null, ontId: null };
    history.add(locationCreatedEvent(created), location.createdAt);
    if (location.installedAt) history.add(locationStatusEvent('location.installed', { ...location, status: 'ACTIVE' }, 'PENDING'), midday(location.installedAt));
  }
  for (const device of equipment) {
    const customerId = customerOf.get(device.locationId) ?? null;
    const removed = device.status === 'RETURNED' || device.status === 'FAULTY';
    history.add(equipmentEvent('equipment.installed', removed ? { ...device, status: 'INSTALLED', removedAt: null } : device, customerId), device.createdAt);
    if (removed) history.add(equipmentEvent('equipment.removed', device, customerId), midday(device.removedAt));
  }
  for (const line of history.entities(VoipLine, await rowsOf('voip_line', inserted.voipLines))) {
    history.add(voipLineCreatedEvent({ ...line, status: 'ACTIVE', decommissionedAt: null }), line.createdAt);
    history.add(voipLineDecommissionedEvent(line), line.decommissionedAt);
  }
  const attempts = (await rowsOf('e911_sync_attempt', inserted.e911Attempts)) as unknown as (AttemptRow & Record<string, unknown>)[];
  const records = new Map(history.entities(E911Record, await rowsOf('e911_record', attempts.map((attempt) => attempt.record_id)))
    .map((record) => [record.id, record]));
  for (const attempt of attempts) {
    const type = e911EventAfter(attempt.outcome);
    const record = records.get(attempt.record_id);
    if (type && record) history.add(e911SyncEvent(type, record, attempt.detail), attempt.attempted_at);
  }
  for (const assignment of history.entities(IpAssignment, await rowsOf('ip_assignment', inserted.ips))) {
    history.add(ipEvent('ip.assigned', { ...assignment, releasedAt: null }), assignment.assignedAt);
    if (assignment.releasedAt) history.add(ipEvent('ip.released', assignment), assignment.releasedAt);
  }
  await history.record();
}
