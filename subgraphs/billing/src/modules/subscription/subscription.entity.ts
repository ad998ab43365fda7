import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const BILLING_FREQUENCIES = ['MONTHLY', 'QUARTERLY', 'ANNUAL'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'PAUSED', 'CANCELLED'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const SUBSCRIPTION_WORKFLOW: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  ACTIVE: ['PAUSED', 'CANCELLED'],
  PAUSED: ['ACTIVE', 'CANCELLED'],
  CANCELLED: [],
};

/** A recurring service billed to a customer, usually at one of its service locations. */
export const Subscription = defineEntity({
  name: 'Subscription',
  tableName: 'subscription',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    serviceLocationId: p.uuid().nullable(),
    productId: p.uuid().nullable(),
    contractId: p.uuid().nullable(),
    description: p.string(),
    quantity: p.decimal(),
    unitPrice: p.decimal(),
    currency: p.string(),
    frequency: p.enum([...BILLING_FREQUENCIES]),
    status: p.enum([...SUBSCRIPTION_STATUSES]),
    startDate: p.date(),
    nextBillingDate: p.date().nullable(),
    cancelledAt: p.datetime().nullable(),
    ...changeTracking(),
  },
});

export type Subscription = InferEntity<typeof Subscription>;
