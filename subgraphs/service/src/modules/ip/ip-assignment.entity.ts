import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

/** An IP address or delegated prefix held by a customer from `assignedAt` until `releasedAt` (exclusive). */
export const IpAssignment = defineEntity({
  name: 'IpAssignment',
  tableName: 'ip_assignment',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    customerId: p.uuid(),
    locationId: p.uuid().nullable(),
    /** PostgreSQL `inet` as text: `203.0.113.7`, `2001:db8:1200::/56`. */
    ip: p.string(),
    assignedAt: p.datetime(),
    releasedAt: p.datetime().nullable(),
    legacyId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type IpAssignment = InferEntity<typeof IpAssignment>;
