import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const CONNECTION_TYPES = ['FIBRE', 'DSL', 'CABLE', 'WIRELESS'] as const;
export const LOCATION_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'DISCONNECTED'] as const;

/** A place where a customer receives service. The address is stored flat, with its comparison key. */
export const ServiceLocation = defineEntity({
  name: 'ServiceLocation',
  tableName: 'service_location',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** Owned by the customers subgraph; no foreign key across schemas. */
    customerId: p.uuid(),
    civicNumber: p.string().nullable(),
    unit: p.string().nullable(),
    street: p.string(),
    city: p.string(),
    region: p.string().nullable(),
    postalCode: p.string().nullable(),
    country: p.string(),
    /** Always `addressComparisonKey()` of the columns above; written with them. */
    comparisonKey: p.string(),
    connectionType: p.enum([...CONNECTION_TYPES]),
    status: p.enum([...LOCATION_STATUSES]).default('PENDING'),
    /** `YYYY-MM-DD`. */
    installedAt: p.date().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type ServiceLocation = InferEntity<typeof ServiceLocation>;
