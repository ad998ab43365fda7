import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const CONTRACT_TYPES = ['MAINTENANCE', 'CONSULTING', 'TRAINING', 'SUPPORT', 'SERVICE'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const CONTRACT_PERIODICITIES = ['ONE_OFF', 'MONTHLY', 'QUARTERLY', 'ANNUAL'] as const;
export type ContractPeriodicity = (typeof CONTRACT_PERIODICITIES)[number];

export const CONTRACT_STATUSES = ['ACTIVE', 'INACTIVE', 'TERMINATED', 'EXPIRED'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/**
 * ACTIVE ⇄ INACTIVE (suspended), either → TERMINATED (ended early); an ACTIVE
 * contract past its end date EXPIRES unless it renews automatically (the job).
 */
export const CONTRACT_WORKFLOW: Record<ContractStatus, readonly ContractStatus[]> = {
  ACTIVE: ['INACTIVE', 'TERMINATED', 'EXPIRED'],
  INACTIVE: ['ACTIVE', 'TERMINATED'],
  TERMINATED: [],
  EXPIRED: [],
};

/** A service contract, made directly or from an accepted quote. `amount` is per period, before taxes. */
export const Contract = defineEntity({
  name: 'Contract',
  tableName: 'contract',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    number: p.string(),
    type: p.enum([...CONTRACT_TYPES]),
    startDate: p.date(),
    endDate: p.date().nullable(),
    periodicity: p.enum([...CONTRACT_PERIODICITIES]),
    status: p.enum([...CONTRACT_STATUSES]),
    amount: p.decimal(),
    currency: p.string(),
    autoRenew: p.boolean(),
    quoteId: p.uuid().nullable(),
    description: p.text().nullable(),
    endedAt: p.datetime().nullable(),
    ...changeTracking(),
  },
});

export type Contract = InferEntity<typeof Contract>;
