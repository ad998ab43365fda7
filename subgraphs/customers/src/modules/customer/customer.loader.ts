import { keyedLoader, isUuid, type EntityManager } from '@c360/kit';
import { Customer } from './customer.entity.ts';

/** Per-request loaders of the customers subgraph. */
export interface CustomerLoaders {
  /** Customers by id within the request's tenant (the tenant filter applies). */
  customerById: ReturnType<typeof keyedLoader<string, Customer>>;
}

export function createCustomerLoaders(em: EntityManager): CustomerLoaders {
  return {
    customerById: keyedLoader(
      (ids) => em.find(Customer, { id: { $in: ids.filter(isUuid) } }),
      (customer) => customer.id,
    ),
  };
}
