import { InMemoryCache } from '@apollo/client';
import { connectionPolicy } from './connection-policy.ts';

/**
 * One normalised cache for the app (entities by `id`). Lists that page in
 * place are merged by `connectionPolicy`; the customers list is one list per
 * search text.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: { fields: { customers: connectionPolicy(['search']) } },
      Customer: { fields: { invoices: connectionPolicy(), payments: connectionPolicy(), tickets: connectionPolicy() } },
      ServiceLocation: { fields: { tickets: connectionPolicy() } },
    },
  });
}
