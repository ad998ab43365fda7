import { isUuid, newId, recordEvents, type ConsumerDefinition, type EntityManager, type EventEnvelope } from '@c360/kit';
import { ExternalCallError } from '../../external/http-client.ts';
import { ServiceLocation } from '../location/location.entity.ts';
import type { NetworkActionOutcome } from './network-action.entity.ts';
import type { NetworkController } from './network-controller.client.ts';

const SUSPENDED = 'customer.suspended';
const REACTIVATED = 'customer.reactivated';

/**
 * Suspension and reactivation at the network: a suspended customer's ACTIVE
 * locations become SUSPENDED and their ports are disabled; a reactivated
 * customer's SUSPENDED locations become ACTIVE and their ports are enabled.
 * Each port switch goes through the network controller and its outcome is
 * kept (`network_action`), failures included, for a person to finish by hand.
 * VoIP lines are left alone: 911 must keep working on a suspended account.
 *
 * The controller is called inside the consumer's transaction: if the process
 * dies before the commit, the event is handled again, and switching a port to
 * the state it is already in is harmless.
 */
export function suspensionConsumer(controller: NetworkController | null): ConsumerDefinition {
  return {
    name: 'service-network-suspension',
    types: [SUSPENDED, REACTIVATED],
    async handle(em, event) {
      const customerId = customerIdOf(event);
      if (!customerId) return;
      const suspend = event.type === SUSPENDED;
      const rows = await em.execute<Record<string, unknown>[]>(
        `UPDATE service.service_location SET status = ?, version = version + 1, updated_at = now()
         WHERE tenant_id = ? AND customer_id = ? AND status = ? RETURNING *`,
        [suspend ? 'SUSPENDED' : 'ACTIVE', event.tenantid, customerId, suspend ? 'ACTIVE' : 'SUSPENDED'],
      );
      for (const location of rows.map((row) => em.map(ServiceLocation, row))) {
        const { outcome, detail } = await switchPort(controller, location, !suspend);
        await em.execute(
          `INSERT INTO service.network_action (id, tenant_id, location_id, customer_id, action, cause, event_id, olt_name, olt_port, ont_id, outcome, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          [newId(), event.tenantid, location.id, customerId, suspend ? 'DISABLE_PORT' : 'ENABLE_PORT', event.type, event.id,
            location.oltName ?? null, location.oltPort ?? null, location.ontId ?? null, outcome, detail],
        );
        await recordEvents(em, 'service', event.tenantid, [{
          type: suspend ? 'location.suspended' : 'location.reactivated',
          subject: location.id,
          data: { customerId, locationId: location.id, cause: event.type, causeEventId: event.id, networkAction: { action: suspend ? 'DISABLE_PORT' : 'ENABLE_PORT', outcome, detail } },
        }]);
      }
    },
  };
}

async function switchPort(controller: NetworkController | null, location: ServiceLocation, enabled: boolean): Promise<{ outcome: NetworkActionOutcome; detail: string | null }> {
  const { oltName, oltPort, ontId } = location;
  if (!oltName || !oltPort || ontId === null || ontId === undefined) {
    return { outcome: 'NO_ATTACHMENT', detail: 'No OLT, port and ONT id recorded for this location' };
  }
  if (!controller) return { outcome: 'NOT_CONFIGURED', detail: 'No network controller is configured here (NETWORK_CONTROLLER_URL)' };
  try {
    await controller.setServiceState({ oltName, oltPort, ontId }, enabled);
    return { outcome: 'SUCCEEDED', detail: null };
  } catch (error) {
    if (error instanceof ExternalCallError) return { outcome: 'FAILED', detail: error.message };
    throw error;
  }
}

/**
 * A merge (`{ survivorId, mergedId }`) moves everything of the merged customer
 * to the survivor: locations, lines, 911 records, IP history and address
 * history (network actions stay as they were recorded). Each moved location
 * gets a `location.customer_changed` event.
 */
export const mergeConsumer: ConsumerDefinition = {
  name: 'service-customer-merge',
  types: ['customer.merged'],
  async handle(em, event) {
    const { survivorId, mergedId } = event.data as { survivorId?: unknown; mergedId?: unknown };
    if (typeof survivorId !== 'string' || typeof mergedId !== 'string' || !isUuid(survivorId) || !isUuid(mergedId) || survivorId === mergedId) return;
    const moved = await repoint(em, 'service_location', event.tenantid, mergedId, survivorId);
    for (const table of ['voip_line', 'e911_record', 'ip_assignment', 'address_history']) {
      await repoint(em, table, event.tenantid, mergedId, survivorId);
    }
    await recordEvents(em, 'service', event.tenantid, moved.map((locationId) => ({
      type: 'location.customer_changed',
      subject: locationId,
      data: { customerId: survivorId, previousCustomerId: mergedId, locationId, cause: event.type, causeEventId: event.id },
    })));
  },
};

/** Moves a table's rows from one customer to another (served by each table's customer index); returns the moved ids. */
async function repoint(em: EntityManager, table: string, tenantId: string, from: string, to: string): Promise<string[]> {
  const version = table === 'service_location' || table === 'voip_line' ? ', version = version + 1, updated_at = now()' : '';
  const rows = await em.execute<{ id: string }[]>(
    `UPDATE service.${table} SET customer_id = ?${version} WHERE tenant_id = ? AND customer_id = ? RETURNING id`, [to, tenantId, from]);
  return rows.map((row) => row.id);
}

function customerIdOf(event: EventEnvelope): string | null {
  const id = typeof event.data.customerId === 'string' ? event.data.customerId : event.subject;
  return isUuid(id) ? id.toLowerCase() : null;
}
