import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const CONNECTION_TYPES = ['FIBRE', 'DSL', 'CABLE', 'WIRELESS'] as const;
export const LOCATION_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED', 'DISCONNECTED'] as const;

/**
 * The columns of a structured address stored flat, with its comparison key
 * (always `addressComparisonKey()` of the others, written with them). Fresh
 * builders per entity: the ORM's metadata discovery annotates them.
 */
export const addressProperties = () => ({
  civicNumber: p.string().nullable(),
  unit: p.string().nullable(),
  street: p.string(),
  city: p.string(),
  region: p.string().nullable(),
  postalCode: p.string().nullable(),
  country: p.string(),
  comparisonKey: p.string(),
});

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
    ...addressProperties(),
    connectionType: p.enum([...CONNECTION_TYPES]),
    status: p.enum([...LOCATION_STATUSES]).default('PENDING'),
    /** `YYYY-MM-DD`. */
    installedAt: p.date().nullable(),
    /** Network attachment of a fibre location: the OLT, its PON port (`frame/slot/port`) and the ONT's id on it. */
    oltName: p.string().nullable(),
    oltPort: p.string().nullable(),
    ontId: p.integer().nullable(),
    /** Id in the system the location was imported from (delivery id); unique per tenant. */
    legacyId: p.string().nullable(),
    /** Increases with every change of the location; updates must send the version they read. */
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type ServiceLocation = InferEntity<typeof ServiceLocation>;
