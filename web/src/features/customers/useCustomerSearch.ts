import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '../../shared/useDebouncedValue.ts';
import { CUSTOMERS_QUERY } from './operations.ts';

export const CUSTOMERS_PAGE_SIZE = 25;
const TYPING_PAUSE_MS = 250;

/**
 * The customers matching what is typed, one request per pause in typing and
 * one per "load more". While a new search runs, the previous results stay.
 */
export function useCustomerSearch(search: string) {
  const settled = useDebouncedValue(search.trim(), TYPING_PAUSE_MS);
  const { data, previousData, error, networkStatus, fetchMore, refetch } = useQuery(CUSTOMERS_QUERY, {
    variables: { first: CUSTOMERS_PAGE_SIZE, search: settled || null },
    notifyOnNetworkStatusChange: true,
  });
  // After a failed search, the previous results would answer another question: show none.
  const customers = error ? undefined : (data ?? previousData)?.customers;
  return {
    customers,
    /** The search the shown results answer (they may lag behind what is typed). */
    search: settled,
    searching: settled !== search.trim() || networkStatus === NetworkStatus.loading || networkStatus === NetworkStatus.setVariables,
    error,
    retry: () => refetch(),
    loadMore: () => fetchMore({ variables: { after: customers?.pageInfo.endCursor ?? null } }),
  };
}
