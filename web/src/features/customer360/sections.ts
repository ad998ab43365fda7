import type { GraphQLFormattedError } from 'graphql';
import type { Customer360 } from './operations.ts';

/**
 * The parts of the 360 page that can fail on their own: each shows the fields
 * of one subgraph (GUIDE §3), so when one subgraph fails only its parts say so.
 * `locationTickets` and `locationSubscriptions` are support's and billing's data
 * shown inside each of service's locations. The customers subgraph owns the
 * customer itself: when it fails there is no page to show.
 */
export type SectionKey = 'profile' | 'money' | 'locations' | 'locationTickets' | 'locationSubscriptions' | 'support';

/** The sections each subgraph feeds, for an error that names its subgraph but no path (SUBGRAPH_UNAVAILABLE). */
const SUBGRAPH_SECTIONS: Record<string, readonly SectionKey[]> = {
  billing: ['money', 'locationSubscriptions'],
  service: ['locations'],
  support: ['support', 'locationTickets'],
};

/** The fields of `Customer` each section shows (the first step of an error's path below `customer`). */
const SECTION_FIELDS = {
  money: [
    'balance', 'openAmount', 'creditLimit', 'availableCredit', 'autoPay', 'paymentMethods', 'activeArrangement', 'invoices', 'payments',
    'quotes', 'contracts', 'subscriptions', 'arrangements', 'reminders', 'vouchers',
  ],
  locations: ['locations'],
  support: ['openTicketCount', 'technicianHours', 'tickets', 'workOrders'],
} as const satisfies Partial<Record<SectionKey, readonly (keyof Customer360)[]>>;

/** Fields of a location answered by another subgraph than service. */
const LOCATION_FIELD_SECTIONS: Record<string, SectionKey> = { tickets: 'locationTickets', subscriptions: 'locationSubscriptions' };

/** What failed, as far as the page is concerned. */
export interface PageFailures {
  /** The customer itself could not be read: nothing can be shown. */
  customer: boolean;
  sections: Set<SectionKey>;
  /**
   * Why devices show no live status (the ACS is down or not configured): not
   * a failure of the page, the ACS is asked on the side and may well be away.
   */
  liveStatus: string | undefined;
}

type Path = GraphQLFormattedError['path'];

/** Where an error belongs, from where it happened in the response; `undefined` when its path says nothing. */
export function sectionOfPath(path: Path): SectionKey | 'customer' | 'liveStatus' | undefined {
  if (!path || path[0] !== 'customer') return undefined;
  const field = path[1];
  if (field === undefined) return 'customer';
  if (field === 'locations') {
    if (path.at(-1) === 'liveStatus') return 'liveStatus';
    const locationField = path[3];
    return (typeof locationField === 'string' && LOCATION_FIELD_SECTIONS[locationField]) || 'locations';
  }
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) {
    if ((fields as readonly (string | number)[]).includes(field)) return section as SectionKey;
  }
  return 'profile';
}

/** A field of each section that is never null when its subgraph answered (others, like `activeArrangement`, may be). */
const ALWAYS_ANSWERED = { money: 'balance', locations: 'locations', support: 'openTicketCount' } as const satisfies Partial<Record<SectionKey, keyof Customer360>>;

/** Sections whose data is not in the response (a failed subgraph leaves its fields null). */
function missingSections(customer: Customer360): SectionKey[] {
  // Profile fields come with the customer itself: when they are missing, so is the customer.
  const missing: SectionKey[] = (Object.keys(ALWAYS_ANSWERED) as (keyof typeof ALWAYS_ANSWERED)[]).filter((section) => customer[ALWAYS_ANSWERED[section]] == null);
  const locations = customer.locations ?? [];
  if (locations.some((location) => location.tickets == null)) missing.push('locationTickets');
  if (locations.some((location) => location.subscriptions == null)) missing.push('locationSubscriptions');
  return missing;
}

const LIVE_STATUS_REASONS: Record<string, string> = {
  ACS_NOT_CONFIGURED: 'No auto-configuration server (ACS) is configured: devices show no live status.',
  ACS_UNAVAILABLE: 'The auto-configuration server (ACS) is not answering: live status is unknown for now.',
};

/**
 * Maps the errors of a partial response to the sections they spoil. An error
 * with a path points at its section. One without names the subgraph the
 * gateway could not reach (`extensions.serviceName`): its sections fail.
 * Whatever the errors say, a section whose always-answered field is null
 * failed too: the errors of a response are gone once the cache has been
 * written again (after a mutation, say) while its null fields stay.
 */
export function pageFailures(errors: readonly GraphQLFormattedError[], customer: Customer360 | null | undefined): PageFailures {
  const failures: PageFailures = { customer: false, sections: new Set(), liveStatus: undefined };
  for (const error of errors) {
    const section = sectionOfPath(error.path);
    const serviceName = error.extensions?.serviceName;
    if (section === 'customer') failures.customer = true;
    else if (section === 'liveStatus') failures.liveStatus ??= LIVE_STATUS_REASONS[String(error.extensions?.code)] ?? 'Live status could not be read.';
    else if (section) failures.sections.add(section);
    else if (serviceName === 'customers') failures.customer = true;
    else if (typeof serviceName === 'string' && SUBGRAPH_SECTIONS[serviceName]) for (const key of SUBGRAPH_SECTIONS[serviceName]) failures.sections.add(key);
  }
  if (!customer) failures.customer = errors.length > 0;
  else for (const section of missingSections(customer)) failures.sections.add(section);
  return failures;
}
