import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { DidReportPageFragment } from '../../generated/graphql.ts';
import { REPORT_PAGE_SIZE } from './operations.ts';

/** What both reports answer: a page of DIDs, under the alias `rows`. */
export interface ReportData {
  rows: DidReportPageFragment;
}

/** The paging variables of a report's query, besides its filter. */
export interface Paging {
  first: number;
  after?: string | null;
}

/**
 * One page of a report for its filter, growing in place with "show more". While
 * another filter loads, the rows of the previous one stay.
 */
export function useReport<V extends Record<string, unknown>>(query: TypedDocumentNode<ReportData, V & Paging>, filter: V) {
  const variables = { ...filter, first: REPORT_PAGE_SIZE } as V & Paging;
  const { data, previousData, error, loading, fetchMore, refetch } = useQuery<ReportData, V & Paging>(query, { variables, notifyOnNetworkStatusChange: true });
  const rows = data?.rows ?? (error ? undefined : previousData?.rows);
  return {
    rows,
    loading,
    error,
    retry: () => refetch(),
    // Generic V hides that `after` is one of the query's variables (it always is: V & Paging).
    loadMore: () => fetchMore({ variables: { after: rows?.pageInfo.endCursor ?? null } as Partial<V & Paging> }),
  };
}
