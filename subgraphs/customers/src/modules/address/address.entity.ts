import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { editableRecord, ownedByCustomer } from '../shared/record.properties.ts';

export const ADDRESS_TYPES = ['BILLING', 'SHIPPING', 'SERVICE', 'OTHER'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

/** One of a customer's addresses. Among the current addresses of one type, exactly one is the default. */
export const CustomerAddress = defineEntity({
  name: 'CustomerAddress',
  tableName: 'customer_address',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    type: p.enum([...ADDRESS_TYPES]),
    isDefault: p.boolean().default(false),
    label: p.string().nullable(),
    civicNumber: p.string().nullable(),
    unit: p.string().nullable(),
    street: p.string(),
    city: p.string(),
    region: p.string().nullable(),
    postalCode: p.string().nullable(),
    country: p.string(),
    comparisonKey: p.string(),
    ...editableRecord(),
  },
});

export type CustomerAddress = InferEntity<typeof CustomerAddress>;
