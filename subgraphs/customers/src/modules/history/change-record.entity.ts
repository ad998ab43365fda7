import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { ownedByCustomer } from '../shared/record.properties.ts';

export const CHANGE_ENTITY_TYPES = ['CUSTOMER', 'CONTACT', 'ADDRESS', 'PARTNER', 'LIFE_EVENT', 'EMAIL', 'NOTE', 'SUSPENSION'] as const;
export type ChangeEntityType = (typeof CHANGE_ENTITY_TYPES)[number];
export const CHANGE_ACTIONS = ['CREATED', 'UPDATED', 'REMOVED', 'DELETED'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/**
 * One field of one change to a customer or one of its records: who, when,
 * before and after (as text). Written in the transaction of the change; kept
 * even when the customer is deleted.
 */
export const ChangeRecord = defineEntity({
  name: 'ChangeRecord',
  tableName: 'change_record',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    entityType: p.enum([...CHANGE_ENTITY_TYPES]),
    entityId: p.uuid(),
    action: p.enum([...CHANGE_ACTIONS]),
    field: p.string(),
    before: p.text().nullable(),
    after: p.text().nullable(),
    changedBy: p.string(),
    changedAt: p.datetime(),
    /** Shared by the records of one mutation. */
    operationId: p.uuid(),
  },
});

export type ChangeRecord = InferEntity<typeof ChangeRecord>;
