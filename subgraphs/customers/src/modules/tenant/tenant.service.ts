import type { EntityManager } from '@c360/kit';
import { Tenant } from './tenant.entity.ts';

/** Settings used when a tenant has not stored its own. */
export const DEFAULT_TENANT_SETTINGS = { defaultCountry: 'CA' } as const;

export class TenantSettings {
  private cached: Promise<{ defaultCountry: string }> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;

  constructor(em: EntityManager, tenantId: string) {
    this.em = em;
    this.tenantId = tenantId;
  }

  /** The tenant's settings, read at most once per request. */
  get(): Promise<{ defaultCountry: string }> {
    this.cached ??= this.em
      .findOne(Tenant, { id: this.tenantId })
      .then((tenant) => ({ defaultCountry: tenant?.defaultCountry ?? DEFAULT_TENANT_SETTINGS.defaultCountry }));
    return this.cached;
  }
}
