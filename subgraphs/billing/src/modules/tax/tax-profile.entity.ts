import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import type { TaxRate } from './tax.calculation.ts';

/** A tenant's billing currency and taxes; one row per tenant, keyed by the tenant's slug. */
export const TaxProfile = defineEntity({
  name: 'TaxProfile',
  tableName: 'tax_profile',
  filters: tenantFilter,
  properties: {
    tenantId: p.string().primary(),
    currency: p.string(),
    taxes: p.json<TaxRate[]>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type TaxProfile = InferEntity<typeof TaxProfile>;
