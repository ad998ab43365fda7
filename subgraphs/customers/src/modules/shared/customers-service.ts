import { DomainError, ErrorCode, RequestScopedService, type Caller, type RequestScope } from '@c360/kit';
import type { CustomersLoaders } from '../../loaders.ts';
import type { TenantSettings } from '../tenant/tenant.service.ts';
import { CustomerWrite, withUniqueFields, type UniqueFields } from './customer-write.ts';

/** What the customers subgraph's services get per request, beyond the kit's scope. */
export interface CustomersScope extends RequestScope<CustomersLoaders> {
  caller: Caller;
  settings: TenantSettings;
}

/** Base of the customers domain services: the caller, the tenant's settings, and audited writes. */
export abstract class CustomersService extends RequestScopedService<CustomersLoaders> {
  protected readonly caller: Caller;
  protected readonly settings: TenantSettings;

  constructor(scope: CustomersScope) {
    super(scope);
    this.caller = scope.caller;
    this.settings = scope.settings;
  }

  /**
   * One transaction whose change records and events commit with it, for a
   * caller allowed to write (WRITER_ROLES). A unique
   * index violation becomes a CONFLICT naming the input field (`uniqueFields`
   * overrides the defaults for nested inputs).
   */
  protected write<T>(work: (write: CustomerWrite) => Promise<T>, uniqueFields: UniqueFields = UNIQUE_FIELDS): Promise<T> {
    this.requireRole(WRITER_ROLES, 'change customer data');
    return withUniqueFields(uniqueFields, () => this.em.transactional(async (tx) => {
      const write = new CustomerWrite(tx, this.tenantId, this.caller.subject);
      const result = await work(write);
      await write.save();
      return result;
    }));
  }

  /** Refuses callers without one of these roles. */
  protected requireRole(roles: readonly string[], action: string): void {
    if (!this.caller.roles.some((role) => roles.includes(role))) {
      throw new DomainError(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may ${action}`);
    }
  }
}

/** Everyone but a `viewer` may change customer data; some changes ask for more (merge, clean-up). */
export const WRITER_ROLES = ['admin', 'agent', 'billing', 'technician'] as const;

/** The unique indexes a client can run into, by the input field that names the duplicate. */
export const UNIQUE_FIELDS: UniqueFields = {
  customer_tenant_phone_key: { field: 'input.phone', message: 'Another customer of the tenant has this phone number' },
  customer_tenant_external_id_key: { field: 'input.externalId', message: 'Another customer of the tenant has this external id' },
  contact_tenant_external_id_key: { field: 'input.externalId', message: 'Another contact of the tenant has this external id' },
  customer_address_tenant_external_id_key: { field: 'input.externalId', message: 'Another address of the tenant has this external id' },
  partner_link_unique_key: { field: 'input.role', message: 'This partner is already linked to the customer in this role' },
  partner_link_tenant_external_id_key: { field: 'input.externalId', message: 'Another partner link of the tenant has this external id' },
  life_event_tenant_external_id_key: { field: 'input.externalId', message: 'Another life event of the tenant has this external id' },
  note_tenant_external_id_key: { field: 'input.externalId', message: 'Another note of the tenant has this external id' },
};
