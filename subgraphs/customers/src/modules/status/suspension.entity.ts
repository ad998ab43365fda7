import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { ownedByCustomer } from '../shared/record.properties.ts';

export const SUSPENSION_REASONS = ['NON_PAYMENT', 'CUSTOMER_REQUEST', 'ABUSE', 'OTHER'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** One period of suspension of a customer; `liftedAt` is null while it is in force. */
export const Suspension = defineEntity({
  name: 'Suspension',
  tableName: 'suspension',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    reason: p.enum([...SUSPENSION_REASONS]),
    note: p.text().nullable(),
    /** `YYYY-MM-DD`. */
    startsOn: p.date(),
    plannedEndOn: p.date().nullable(),
    suspendedAt: p.datetime().onCreate(() => new Date()),
    suspendedBy: p.string(),
    liftedAt: p.datetime().nullable(),
    liftedBy: p.string().nullable(),
    liftNote: p.text().nullable(),
    externalId: p.string().nullable(),
  },
});

export type Suspension = InferEntity<typeof Suspension>;
