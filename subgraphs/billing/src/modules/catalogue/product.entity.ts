import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const PRODUCT_BILLINGS = ['ONE_TIME', 'MONTHLY', 'QUARTERLY', 'ANNUAL'] as const;
export type ProductBilling = (typeof PRODUCT_BILLINGS)[number];

/** A catalogue item: sold once (equipment, installation) or a plan billed every period. */
export const Product = defineEntity({
  name: 'Product',
  tableName: 'product',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    sku: p.string(),
    description: p.string(),
    unitPrice: p.decimal(),
    currency: p.string(),
    billing: p.enum([...PRODUCT_BILLINGS]),
    active: p.boolean(),
    ...changeTracking(),
  },
});

export type Product = InferEntity<typeof Product>;
