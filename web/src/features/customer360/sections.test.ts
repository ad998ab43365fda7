import { describe, expect, it } from 'vitest';
import type { Customer360 } from './operations.ts';
import { pageFailures, sectionOfPath } from './sections.ts';

const emptyPage = { totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [] };
const customer: Customer360 = {
  id: 'c1', kind: 'INDIVIDUAL', name: 'Sophie Lavoie', status: 'ACTIVE', phone: '+14505550301', phoneAsTyped: '450 555 0301',
  email: null, lastActivityAt: null, createdAt: '2026-11-21T09:00:00.000Z', version: 1,
  balance: { amount: '0.00', currency: 'CAD' }, invoices: emptyPage, payments: emptyPage,
  locations: [{
    id: 'l1', status: 'ACTIVE', connectionType: 'FIBRE', installedAt: null, equipment: [], tickets: emptyPage,
    address: { number: '1200', unit: null, street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 2V6', country: 'CA' },
  }],
  openTicketCount: 0, tickets: emptyPage,
};

describe('sectionOfPath', () => {
  it.each([
    [['customer', 'balance'], 'money'],
    [['customer', 'invoices', 'edges', 3, 'node', 'total'], 'money'],
    [['customer', 'payments'], 'money'],
    [['customer', 'locations', 0, 'equipment'], 'locations'],
    [['customer', 'locations', 1, 'tickets', 'totalCount'], 'locationTickets'],
    [['customer', 'openTicketCount'], 'support'],
    [['customer', 'tickets', 'edges'], 'support'],
    [['customer', 'email'], 'profile'],
    [['customer'], 'customer'],
    [['somethingElse'], undefined],
    [undefined, undefined],
  ] as const)('%j → %s', (path, section) => {
    expect(sectionOfPath(path)).toBe(section);
  });
});

describe('pageFailures', () => {
  it('marks nothing when there is no error', () => {
    expect(pageFailures([], customer)).toEqual({ customer: false, sections: new Set() });
  });

  it('marks only the sections the errors point at', () => {
    const failures = pageFailures([
      { message: 'Internal server error', path: ['customer', 'invoices'] },
      { message: 'Internal server error', path: ['customer', 'locations', 0, 'tickets'] },
    ], { ...customer, invoices: null });
    expect(failures).toEqual({ customer: false, sections: new Set(['money', 'locationTickets']) });
  });

  it('places an error without a path on the sections whose data is missing', () => {
    const withoutSupport = { ...customer, openTicketCount: null, tickets: null, locations: customer.locations!.map((location) => ({ ...location, tickets: null })) };
    expect(pageFailures([{ message: 'Internal server error' }], withoutSupport)).toEqual({ customer: false, sections: new Set(['support', 'locationTickets']) });
  });

  it('fails the whole page when the customer itself is missing', () => {
    expect(pageFailures([{ message: 'Internal server error', path: ['customer', 'balance'] }], null).customer).toBe(true);
    expect(pageFailures([{ message: 'Internal server error' }], null).customer).toBe(true);
  });
});
