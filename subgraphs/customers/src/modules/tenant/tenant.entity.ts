import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Per-tenant settings of the customers domain. Rows are keyed by the tenant's slug. */
export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    defaultCountry: p.string().default('CA'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Tenant = InferEntity<typeof Tenant>;
