import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { editableRecord, ownedByCustomer } from '../shared/record.properties.ts';

/**
 * A relationship recorded on `customerId` with either another customer of the
 * tenant (`partnerCustomerId`) or an outside organisation (`organisationName`).
 * It shows on both customers.
 */
export const PartnerLink = defineEntity({
  name: 'PartnerLink',
  tableName: 'partner_link',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    partnerCustomerId: p.uuid().nullable(),
    organisationName: p.string().nullable(),
    role: p.string(),
    note: p.text().nullable(),
    ...editableRecord(),
  },
});

export type PartnerLink = InferEntity<typeof PartnerLink>;
