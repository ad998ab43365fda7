import { p } from '@mikro-orm/core';

/** The first properties of every record under a customer. */
export const ownedByCustomer = () => ({
  id: p.uuid().primary(),
  tenantId: p.string(),
  customerId: p.uuid(),
});

/** The last properties of every editable record under a customer (see the migration's EDITABLE_RECORD_COLUMNS). */
export const editableRecord = () => ({
  /** Id in the system it was imported from; unique within the tenant. */
  externalId: p.string().nullable(),
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  /** Set instead of deleting: the record leaves the lists, its history stays. */
  removedAt: p.datetime().nullable(),
  version: p.integer().version(),
});
