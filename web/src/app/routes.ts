import { listQueryString, type CustomerListParams } from '../features/customers/list-params.ts';

/** Every page of the app. */
export type Route =
  | { page: 'dashboard' }
  | { page: 'customers' }
  | { page: 'new-customer' }
  | { page: 'customer'; id: string }
  | { page: 'edit-customer'; id: string }
  | { page: 'reports' }
  | { page: 'not-found' };

export const paths = {
  dashboard: () => '/dashboard',
  /** The list with a search, filters and order (only those given). */
  customers: (params: Partial<CustomerListParams> = {}) => `/customers${listQueryString(params)}`,
  newCustomer: () => '/customers/new',
  customer: (id: string) => `/customers/${encodeURIComponent(id)}`,
  editCustomer: (id: string) => `/customers/${encodeURIComponent(id)}/edit`,
  reports: () => '/reports',
};

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'customers')) return { page: 'customers' };
  if (parts.length === 1 && parts[0] === 'dashboard') return { page: 'dashboard' };
  if (parts.length === 1 && parts[0] === 'reports') return { page: 'reports' };
  if (parts[0] !== 'customers') return { page: 'not-found' };
  if (parts.length === 2 && parts[1] === 'new') return { page: 'new-customer' };
  if (parts.length === 2) return { page: 'customer', id: parts[1]! };
  if (parts.length === 3 && parts[2] === 'edit') return { page: 'edit-customer', id: parts[1]! };
  return { page: 'not-found' };
}
