import type { FieldPolicy } from '@apollo/client';

/** The parts of a Relay connection (GUIDE §7) that paging needs. */
export interface ConnectionPage {
  edges: readonly { cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount?: number;
}

/**
 * Folds a page fetched with `after` into the pages already shown; a page
 * without `after` is a fresh start (a new search, a refetch) and replaces
 * them. Edges already present are not repeated, so fetching the same page
 * twice (a double click) changes nothing. Counts come from the newest page.
 */
export function mergeConnection<C extends ConnectionPage>(existing: C | undefined, incoming: C, after: string | null | undefined): C {
  if (!existing || !after) return incoming;
  const seen = new Set(existing.edges.map((edge) => edge.cursor));
  return {
    ...incoming,
    edges: [...existing.edges, ...incoming.edges.filter((edge) => !seen.has(edge.cursor))],
    pageInfo: { ...incoming.pageInfo, hasPreviousPage: existing.pageInfo.hasPreviousPage, startCursor: existing.pageInfo.startCursor },
  };
}

/**
 * Cache policy of a connection field that pages in place: every page of one
 * list (same `keyArgs`, whatever `first`/`after`) is one growing list.
 */
export function connectionPolicy(keyArgs: string[] | false = false): FieldPolicy<ConnectionPage> {
  return {
    keyArgs,
    merge: (existing, incoming, { args }) => mergeConnection(existing, incoming, args?.after as string | null | undefined),
  };
}
