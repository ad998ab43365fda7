import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

/** Teams that work tickets; a ticket is routed to one, a technician belongs to one. */
export const DEPARTMENTS = ['TECHNICAL_SUPPORT', 'FIELD_SERVICE', 'BILLING', 'SALES'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** A staff member who works tickets and visits customers (the legacy tech1 / tech2 of work orders). */
export const Technician = defineEntity({
  name: 'Technician',
  tableName: 'technician',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** The legacy staff id, unique per tenant; imports link work orders to technicians through it. */
    externalId: p.string().nullable(),
    name: p.string(),
    department: p.enum([...DEPARTMENTS]),
    /** Inactive technicians keep their history but can no longer be assigned or booked. */
    active: p.boolean().default(true),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Technician = InferEntity<typeof Technician>;
