/** A customer 360 as the query returns it, for the unit tests of the page's parts. */
import type { Customer360 } from './operations.ts';

/** A list with nothing in it, for any of the customer's lists. */
export const emptyPage = () => ({
  totalCount: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  edges: [] as never[],
});

export function testCustomer(overrides: Partial<Customer360> = {}): Customer360 {
  const cad = (amount: string) => ({ amount, currency: 'CAD' });
  return {
    id: 'c1', kind: 'INDIVIDUAL', category: 'CLIENT', name: 'Sophie Lavoie', status: 'ACTIVE', companyName: null,
    phone: '+14505550301', phoneAsTyped: '450 555 0301', mobile: null, email: null, website: null, preferredLanguage: 'fr-CA',
    group: null, tags: [], salesRep: null, registrationNumber: null, taxNumber: null, legalForm: null, sector: null, headcount: null,
    firstContactOn: null, remarks: null, externalId: null, lastActivityAt: null, createdAt: '2026-11-21T09:00:00.000Z', version: 1,
    currentSuspension: null, contacts: [], addresses: [], partners: [],
    lifeEvents: emptyPage(), emails: emptyPage(), notes: emptyPage(), changes: emptyPage(), timeline: emptyPage(),
    balance: cad('0.00'), openAmount: cad('0.00'), creditLimit: cad('0.00'), availableCredit: cad('0.00'), autoPay: false,
    paymentMethods: [], activeArrangement: null, invoices: emptyPage(), payments: emptyPage(), quotes: emptyPage(),
    contracts: emptyPage(), subscriptions: emptyPage(), arrangements: emptyPage(), reminders: emptyPage(), vouchers: [],
    locations: [{
      id: 'l1', status: 'ACTIVE', connectionType: 'FIBRE', installedAt: null, networkAttachment: null,
      address: { number: '1200', unit: null, street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 2V6', country: 'CA' },
      equipment: [], voipLines: [], ipHistory: emptyPage(), subscriptions: [], tickets: emptyPage(),
    }],
    openTicketCount: 0, technicianHours: 0, tickets: emptyPage(), workOrders: emptyPage(),
    ...overrides,
  };
}
