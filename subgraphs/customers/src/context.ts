import type { BaseContext } from '@c360/kit';
import { createCustomerLoaders, type CustomerLoaders } from './modules/customer/customer.loader.ts';
import { CustomerService } from './modules/customer/customer.service.ts';
import { TenantSettings } from './modules/tenant/tenant.service.ts';

export interface CustomersContext extends BaseContext {
  loaders: CustomerLoaders;
  customers: CustomerService;
}

export function createContext(base: BaseContext): CustomersContext {
  const loaders = createCustomerLoaders(base.em);
  const settings = new TenantSettings(base.em, base.tenantId);
  return { ...base, loaders, customers: new CustomerService({ em: base.em, tenantId: base.tenantId, loaders, settings }) };
}
