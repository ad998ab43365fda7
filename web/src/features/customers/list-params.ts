import type { CustomerCategory, CustomerFilter, CustomerKind, CustomerSort, CustomerStatus } from '../../generated/graphql.ts';

/** What the customers list shows: a search, filters and an order, kept in the address so that "back" returns to it. */
export interface CustomerListParams {
  search: string;
  kind: CustomerKind | '';
  category: CustomerCategory | '';
  status: CustomerStatus | '';
  tag: string;
  sort: CustomerSort;
}

export const KINDS: readonly CustomerKind[] = ['INDIVIDUAL', 'COMPANY'];
export const CATEGORIES: readonly CustomerCategory[] = ['PROSPECT', 'CLIENT', 'SUPPLIER', 'PARTNER'];
export const STATUSES: readonly CustomerStatus[] = ['ACTIVE', 'SUSPENDED', 'INACTIVE'];
export const SORTS: readonly CustomerSort[] = ['NEWEST', 'OLDEST', 'NAME'];

export const DEFAULT_LIST_PARAMS: CustomerListParams = { search: '', kind: '', category: '', status: '', tag: '', sort: 'NEWEST' };

/** The query-string key of each parameter. */
const KEYS = { search: 'q', kind: 'kind', category: 'category', status: 'status', tag: 'tag', sort: 'sort' } as const;

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | '' => (allowed.find((candidate) => candidate === value) ?? '');

/** Reads the parameters from a query string; anything unknown is left at its default. */
export function parseListParams(search: string): CustomerListParams {
  const query = new URLSearchParams(search);
  return {
    search: query.get(KEYS.search) ?? '',
    kind: oneOf(KINDS, query.get(KEYS.kind)),
    category: oneOf(CATEGORIES, query.get(KEYS.category)),
    status: oneOf(STATUSES, query.get(KEYS.status)),
    tag: query.get(KEYS.tag) ?? '',
    sort: oneOf(SORTS, query.get(KEYS.sort)) || 'NEWEST',
  };
}

/** `?q=tremb&status=SUSPENDED`: only what differs from the defaults; empty when nothing does. */
export function listQueryString(params: Partial<CustomerListParams>): string {
  const query = new URLSearchParams();
  for (const [name, key] of Object.entries(KEYS) as [keyof CustomerListParams, string][]) {
    const value = params[name]?.trim();
    if (value && value !== DEFAULT_LIST_PARAMS[name]) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The `customers` query's `filter` argument: only the filters set; null when none is. */
export function filterOf(params: CustomerListParams): CustomerFilter | null {
  const filter: CustomerFilter = {
    ...(params.kind && { kind: params.kind }),
    ...(params.category && { category: params.category }),
    ...(params.status && { status: params.status }),
    ...(params.tag.trim() && { tag: params.tag.trim() }),
  };
  return Object.keys(filter).length > 0 ? filter : null;
}

export const hasFilters = (params: CustomerListParams): boolean => filterOf(params) !== null;
