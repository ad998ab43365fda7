import { defineEntity, p, tenantFilter, type InferEntity } from '@c360/kit';

/** A partner's API key; the key itself is never stored, only its SHA-256. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    name: p.string(),
    prefix: p.string(),
    keyHash: p.string().hidden(),
    eventTypes: p.array(),
    fields: p.array(),
    createdBy: p.string(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.string().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;

export const WEBHOOK_ENDPOINT_STATUSES = ['ENABLED', 'DISABLED'] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];

/** Where a partner receives events; the signing secret is sealed at rest (kit SecretBox). */
export const WebhookEndpoint = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    owner: p.string(),
    url: p.string(),
    description: p.string().nullable(),
    eventTypes: p.array(),
    secretSealed: p.string().hidden(),
    status: p.enum([...WEBHOOK_ENDPOINT_STATUSES]),
    disabledReason: p.string().nullable(),
    disabledAt: p.datetime().nullable(),
    ownerNotifiedAt: p.datetime().nullable(),
    failingSince: p.datetime().nullable(),
    throttledUntil: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer(),
  },
});
export type WebhookEndpoint = InferEntity<typeof WebhookEndpoint>;

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one endpoint: the durable queue's row, and the delivery log. */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    endpointId: p.uuid(),
    eventId: p.string(),
    eventType: p.string(),
    eventPosition: p.bigint('number'),
    orderKey: p.string(),
    payload: p.text(),
    status: p.enum([...WEBHOOK_DELIVERY_STATUSES]),
    attempts: p.integer(),
    /** Null while parked: its endpoint is disabled. */
    nextAttemptAt: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.string().nullable(),
    deliveredAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
    replays: p.integer(),
    createdAt: p.datetime(),
  },
});
export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;

/** One HTTP attempt of a delivery. */
export const WebhookAttempt = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempt',
  filters: tenantFilter,
  properties: {
    deliveryId: p.uuid().primary(),
    attempt: p.integer().primary(),
    tenantId: p.string(),
    attemptedAt: p.datetime(),
    statusCode: p.integer().nullable(),
    error: p.string().nullable(),
    durationMs: p.integer(),
  },
});
export type WebhookAttempt = InferEntity<typeof WebhookAttempt>;
