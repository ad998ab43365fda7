import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './routes.ts';

describe('routes', () => {
  it('reads every page back from the path it builds', () => {
    expect(matchRoute(paths.customers())).toEqual({ page: 'customers' });
    expect(matchRoute('/')).toEqual({ page: 'customers' });
    expect(matchRoute(paths.newCustomer())).toEqual({ page: 'new-customer' });
    expect(matchRoute(paths.customer('c-1'))).toEqual({ page: 'customer', id: 'c-1' });
    expect(matchRoute(paths.editCustomer('c-1'))).toEqual({ page: 'edit-customer', id: 'c-1' });
    expect(matchRoute(paths.reports())).toEqual({ page: 'reports' });
    expect(matchRoute(paths.dashboard())).toEqual({ page: 'dashboard' });
    expect(matchRoute('/elsewhere')).toEqual({ page: 'not-found' });
    expect(matchRoute('/customers/c-1/elsewhere')).toEqual({ page: 'not-found' });
  });

  it('keeps the search, filters and order of the list in the query string', () => {
    expect(paths.customers({ search: 'Tremblay & fils' })).toBe('/customers?q=Tremblay+%26+fils');
    expect(paths.customers({ search: ' ', status: 'SUSPENDED', sort: 'NAME' })).toBe('/customers?status=SUSPENDED&sort=NAME');
    expect(paths.customers({ sort: 'NEWEST' })).toBe('/customers');
  });
});
