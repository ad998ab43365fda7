import { p } from '@mikro-orm/core';

/** The key every billing row starts with: a UUID and the tenant that owns it (see the kit's tenant filter). */
export const tenantRow = () => ({
  id: p.uuid().primary(),
  tenantId: p.string(),
});

/** When a changeable row was made and last changed, and the version that detects concurrent edits. */
export const changeTracking = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  version: p.integer().version(),
});
