import type { ScaleSession } from '@c360/kit';
import { seedAddressHistory } from './scale/history.ts';
import { seedNetwork } from './scale/network.ts';
import { planSites, seedSites } from './scale/sites.ts';
import { planVoip, seedVoip } from './scale/voip.ts';

/**
 * Service's share of a scale plan: the locations (exactly the plan's ids) and
 * their devices, the address history, VoIP lines with their 911 records and
 * sync attempts, IP history and the network actions of suspended customers.
 * One bar per table; a table that already holds its plan is skipped, so a
 * rerun adds nothing.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  const sites = planSites(session.tenantId, session.plan.customers);
  await seedSites(session, sites);
  const voip = planVoip(session.plan, sites);
  await seedAddressHistory(session, sites, voip.moves);
  await seedVoip(session, voip);
  await seedNetwork(session);
  await session.analyze(['service.service_location', 'service.equipment', 'service.address_history', 'service.voip_line', 'service.e911_record',
    'service.e911_sync_attempt', 'service.ip_assignment', 'service.network_action']);
}
