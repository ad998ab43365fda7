import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { addressProperties } from './location.entity.ts';

/** An address a location (or, for imported history, a customer) had until `changedAt`. */
export const AddressHistoryEntry = defineEntity({
  name: 'AddressHistoryEntry',
  tableName: 'address_history',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    customerId: p.uuid(),
    locationId: p.uuid().nullable(),
    ...addressProperties(),
    changedAt: p.datetime(),
    /** Who made the change (the caller's subject); null for imported history. */
    changedBy: p.string().nullable(),
    legacyId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type AddressHistoryEntry = InferEntity<typeof AddressHistoryEntry>;
