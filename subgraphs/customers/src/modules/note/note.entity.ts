import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { editableRecord, ownedByCustomer } from '../shared/record.properties.ts';

/** An internal memo about a customer. */
export const Note = defineEntity({
  name: 'Note',
  tableName: 'note',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    body: p.text(),
    pinned: p.boolean().default(false),
    /** The caller's subject when the note was written. */
    author: p.string(),
    ...editableRecord(),
  },
});

export type Note = InferEntity<typeof Note>;
