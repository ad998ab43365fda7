import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const ARRANGEMENT_METHODS = ['PORTAL', 'CHEQUE', 'PHONE', 'PRE_AUTHORIZED'] as const;
export type ArrangementMethod = (typeof ARRANGEMENT_METHODS)[number];

export const ARRANGEMENT_STATUSES = ['PENDING', 'OPEN', 'COMPLETED', 'BROKEN', 'CANCELLED'] as const;
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];

/** PENDING and OPEN are live (one per customer); the others are final. */
export const LIVE_ARRANGEMENT_STATUSES = ['PENDING', 'OPEN'] as const satisfies readonly ArrangementStatus[];

export const ARRANGEMENT_WORKFLOW: Record<ArrangementStatus, readonly ArrangementStatus[]> = {
  PENDING: ['OPEN', 'BROKEN', 'CANCELLED'],
  OPEN: ['COMPLETED', 'BROKEN', 'CANCELLED'],
  COMPLETED: [],
  BROKEN: [],
  CANCELLED: [],
};

/**
 * A promise to pay (accord de paiement): this amount by the due date; if it is
 * not paid by the cutoff date, service may be cut. Settled by the collections
 * job: COMPLETED once payments since the agreement cover the amount, BROKEN when
 * the cutoff passes first.
 */
export const PaymentArrangement = defineEntity({
  name: 'PaymentArrangement',
  tableName: 'payment_arrangement',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    amount: p.decimal(),
    currency: p.string(),
    agreedOn: p.date(),
    dueDate: p.date(),
    cutoffDate: p.date(),
    method: p.enum([...ARRANGEMENT_METHODS]).nullable(),
    status: p.enum([...ARRANGEMENT_STATUSES]),
    staffNote: p.string().nullable(),
    changeReason: p.string().nullable(),
    createdBy: p.string(),
    closedAt: p.datetime().nullable(),
    ...changeTracking(),
  },
});

export type PaymentArrangement = InferEntity<typeof PaymentArrangement>;
