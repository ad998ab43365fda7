import type { GraphQLFormattedError } from 'graphql';
import type { Customer360 } from './operations.ts';

/**
 * The parts of the 360 page that can fail on their own: each shows the fields
 * of one subgraph (GUIDE §3), so when one subgraph fails only its parts say so.
 * `locationTickets` is support's data shown inside each of service's locations.
 */
export type SectionKey = 'profile' | 'money' | 'locations' | 'locationTickets' | 'support';

/** The fields of `Customer` each section shows (the first step of an error's path below `customer`). */
const SECTION_FIELDS = {
  profile: ['id', 'kind', 'name', 'status', 'phone', 'phoneAsTyped', 'email', 'lastActivityAt', 'createdAt', 'version'],
  money: ['balance', 'invoices', 'payments'],
  locations: ['locations'],
  support: ['openTicketCount', 'tickets'],
} as const satisfies Partial<Record<SectionKey, readonly (keyof Customer360)[]>>;

/** What failed, as far as the page is concerned. */
export interface PageFailures {
  /** The customer itself could not be read: nothing can be shown. */
  customer: boolean;
  sections: Set<SectionKey>;
}

type Path = GraphQLFormattedError['path'];

/** The section an error belongs to, from where it happened in the response; `undefined` when its path says nothing. */
export function sectionOfPath(path: Path): SectionKey | 'customer' | undefined {
  if (!path || path[0] !== 'customer') return undefined;
  const field = path[1];
  if (field === undefined) return 'customer';
  if (field === 'locations' && path.slice(2).includes('tickets')) return 'locationTickets';
  for (const [section, fields] of Object.entries(SECTION_FIELDS)) {
    if ((fields as readonly (string | number)[]).includes(field)) return section as SectionKey;
  }
  return 'profile';
}

/** Sections whose data is not in the response (a failed subgraph leaves its fields null). */
function missingSections(customer: Customer360): SectionKey[] {
  // Profile fields come with the customer itself: when they are missing, so is the customer.
  const missing: SectionKey[] = (['money', 'locations', 'support'] as const).filter((section) =>
    SECTION_FIELDS[section].some((field) => customer[field] == null));
  if (customer.locations?.some((location) => location.tickets == null)) missing.push('locationTickets');
  return missing;
}

/**
 * Maps the errors of a partial response to the sections they spoil. An error
 * with a path points at its section. One without (the gateway could not reach
 * a subgraph at all) cannot say where it belongs, so every section whose data
 * is missing is marked failed.
 */
export function pageFailures(errors: readonly GraphQLFormattedError[], customer: Customer360 | null | undefined): PageFailures {
  const failures: PageFailures = { customer: false, sections: new Set() };
  if (errors.length === 0) return failures;
  let unplaced = false;
  for (const error of errors) {
    const section = sectionOfPath(error.path);
    if (section === 'customer') failures.customer = true;
    else if (section) failures.sections.add(section);
    else unplaced = true;
  }
  if (!customer) failures.customer = true;
  else if (unplaced) for (const section of missingSections(customer)) failures.sections.add(section);
  return failures;
}
