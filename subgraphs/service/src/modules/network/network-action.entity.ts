import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const NETWORK_ACTIONS = ['DISABLE_PORT', 'ENABLE_PORT'] as const;
export const NETWORK_ACTION_OUTCOMES = ['SUCCEEDED', 'FAILED', 'NOT_CONFIGURED', 'NO_ATTACHMENT'] as const;
export type NetworkActionOutcome = (typeof NETWORK_ACTION_OUTCOMES)[number];

/** A port of a location switched off or on at the network because of a suspension or a reactivation, with the result. */
export const NetworkAction = defineEntity({
  name: 'NetworkAction',
  tableName: 'network_action',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    locationId: p.uuid(),
    customerId: p.uuid(),
    action: p.enum([...NETWORK_ACTIONS]),
    /** The event type that caused it, e.g. `customer.suspended`. */
    cause: p.string(),
    eventId: p.uuid().nullable(),
    oltName: p.string().nullable(),
    oltPort: p.string().nullable(),
    ontId: p.integer().nullable(),
    outcome: p.enum([...NETWORK_ACTION_OUTCOMES]),
    detail: p.string().nullable(),
    requestedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type NetworkAction = InferEntity<typeof NetworkAction>;
