import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const EQUIPMENT_KINDS = ['ONT', 'ROUTER', 'ATA', 'SET_TOP_BOX', 'SWITCH', 'OTHER'] as const;
export const EQUIPMENT_STATUSES = ['IN_STOCK', 'INSTALLED', 'RETURNED', 'FAULTY'] as const;

/** A device at a service location. Serial and MAC address are unique within the tenant. */
export const Equipment = defineEntity({
  name: 'Equipment',
  tableName: 'equipment',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    locationId: p.uuid(),
    kind: p.enum([...EQUIPMENT_KINDS]),
    model: p.string().nullable(),
    /** Upper case, as normalised by the service. */
    serial: p.string(),
    /** `AA:BB:CC:DD:EE:FF`. */
    macAddress: p.string().nullable(),
    status: p.enum([...EQUIPMENT_STATUSES]).default('INSTALLED'),
    /** `YYYY-MM-DD`. */
    installedAt: p.date().nullable(),
    /** `YYYY-MM-DD`: day the device left the location (returned or found faulty). */
    removedAt: p.date().nullable(),
    /** Id in the system the device was imported from; unique per tenant. */
    legacyId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Equipment = InferEntity<typeof Equipment>;
