import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { editableRecord, ownedByCustomer } from '../shared/record.properties.ts';

/** A person to talk to at a customer. Exactly one current contact of a customer is the principal. */
export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    name: p.string(),
    /** Function or role at the customer, e.g. "Comptabilité". */
    role: p.string().nullable(),
    phone: p.string().nullable(),
    phoneRaw: p.string().nullable(),
    email: p.string().nullable(),
    notes: p.text().nullable(),
    isPrincipal: p.boolean().default(false),
    ...editableRecord(),
  },
});

export type Contact = InferEntity<typeof Contact>;
