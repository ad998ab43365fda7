import { InMemoryCache } from '@apollo/client';
import { connectionPolicy } from './connection-policy.ts';

/** Lists of `Customer` that page in place on the 360 page: each is one growing list whatever page size a request used. */
const CUSTOMER_LISTS = [
  'invoices', 'payments', 'quotes', 'contracts', 'subscriptions', 'arrangements', 'reminders',
  'tickets', 'workOrders', 'lifeEvents', 'emails', 'notes', 'changes',
] as const;

const policies = (fields: readonly string[]) => Object.fromEntries(fields.map((field) => [field, connectionPolicy()]));

/**
 * One normalised cache for the app (entities by `id`). Lists that page in
 * place are merged by `connectionPolicy`; a list of the customers or of a
 * report is one list per search, filter and sort.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          customers: connectionPolicy(['search', 'filter', 'sort']),
          didReport: connectionPolicy(['filter']),
          e911Audit: connectionPolicy(['findings']),
        },
      },
      // The timeline is one list per filter (the 360 page asks for it whole, the section for the types it shows).
      Customer: { fields: { ...policies(CUSTOMER_LISTS), timeline: connectionPolicy(['types', 'from', 'to']) } },
      ServiceLocation: { fields: policies(['tickets', 'ipHistory']) },
    },
  });
}
