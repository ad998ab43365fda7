/** Every page of the app; later sections (reports, dashboard) add theirs here. */
export type Route =
  | { page: 'customers' }
  | { page: 'new-customer' }
  | { page: 'customer'; id: string }
  | { page: 'edit-customer'; id: string }
  | { page: 'not-found' };

export const paths = {
  customers: (search?: string) => (search ? `/customers?${new URLSearchParams({ q: search })}` : '/customers'),
  newCustomer: () => '/customers/new',
  customer: (id: string) => `/customers/${encodeURIComponent(id)}`,
  editCustomer: (id: string) => `/customers/${encodeURIComponent(id)}/edit`,
};

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'customers')) return { page: 'customers' };
  if (parts[0] !== 'customers') return { page: 'not-found' };
  if (parts.length === 2 && parts[1] === 'new') return { page: 'new-customer' };
  if (parts.length === 2) return { page: 'customer', id: parts[1]! };
  if (parts.length === 3 && parts[2] === 'edit') return { page: 'edit-customer', id: parts[1]! };
  return { page: 'not-found' };
}
