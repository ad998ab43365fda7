import { describe, expect, it } from 'vitest';
import { pageFailures, sectionOfPath } from './sections.ts';
import { testCustomer } from './test-customer.ts';

const customer = testCustomer();

describe('sectionOfPath', () => {
  it.each([
    [['customer', 'balance'], 'money'],
    [['customer', 'invoices', 'edges', 3, 'node', 'total'], 'money'],
    [['customer', 'activeArrangement', 'daysToCutoff'], 'money'],
    [['customer', 'vouchers', 0], 'money'],
    [['customer', 'locations', 0, 'equipment'], 'locations'],
    [['customer', 'locations', 0, 'voipLines', 1, 'e911'], 'locations'],
    [['customer', 'locations', 1, 'tickets', 'totalCount'], 'locationTickets'],
    [['customer', 'locations', 1, 'subscriptions'], 'locationSubscriptions'],
    [['customer', 'locations', 0, 'equipment', 2, 'liveStatus'], 'liveStatus'],
    [['customer', 'openTicketCount'], 'support'],
    [['customer', 'workOrders', 'edges'], 'support'],
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
    expect(pageFailures([], customer)).toEqual({ customer: false, sections: new Set(), liveStatus: undefined });
  });

  it('marks only the sections the errors point at', () => {
    const failures = pageFailures([
      { message: 'Internal server error', path: ['customer', 'invoices'] },
      { message: 'Internal server error', path: ['customer', 'locations', 0, 'tickets'] },
    ], { ...customer, invoices: null });
    expect(failures).toEqual({ customer: false, sections: new Set(['money', 'locationTickets']), liveStatus: undefined });
  });

  it('marks the sections of the subgraph the gateway could not reach', () => {
    const down = (serviceName: string) => pageFailures([{ message: `The ${serviceName} subgraph is not answering`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } }], customer);
    expect(down('billing').sections).toEqual(new Set(['money', 'locationSubscriptions']));
    expect(down('service').sections).toEqual(new Set(['locations']));
    expect(down('support').sections).toEqual(new Set(['support', 'locationTickets']));
    expect(down('customers').customer).toBe(true);
  });

  it('places an error naming neither path nor subgraph on the sections whose data is missing', () => {
    const withoutSupport = {
      ...customer, openTicketCount: null, tickets: null, workOrders: null, technicianHours: null,
      locations: customer.locations!.map((location) => ({ ...location, tickets: null })),
    };
    expect(pageFailures([{ message: 'Internal server error' }], withoutSupport).sections).toEqual(new Set(['support', 'locationTickets']));
  });

  it('treats an ACS that cannot be asked as a note, not a failed section', () => {
    const failures = pageFailures([
      { message: 'No ACS', path: ['customer', 'locations', 0, 'equipment', 0, 'liveStatus'], extensions: { code: 'ACS_NOT_CONFIGURED', serviceName: 'service' } },
      { message: 'No ACS', path: ['customer', 'locations', 0, 'equipment', 1, 'liveStatus'], extensions: { code: 'ACS_NOT_CONFIGURED', serviceName: 'service' } },
    ], customer);
    expect(failures.sections).toEqual(new Set());
    expect(failures.liveStatus).toMatch(/No auto-configuration server/);
  });

  it('fails the whole page when the customer itself is missing', () => {
    expect(pageFailures([{ message: 'Internal server error', path: ['customer', 'balance'] }], null).customer).toBe(true);
    expect(pageFailures([{ message: 'Internal server error' }], null).customer).toBe(true);
  });
});
