import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '../../shared/useDebouncedValue.ts';
import { filterOf, type CustomerListParams } from './list-params.ts';
import { CUSTOMERS_QUERY } from './operations.ts';

export const CUSTOMERS_PAGE_SIZE = 25;
const TYPING_PAUSE_MS = 250;

/**
 * The customers matching the search, filters and order: one request per
 * pause in typing (search and tag are typed) and one per "load more", each
 * answering the whole row (balance, locations, open tickets) at once. While a
 * new list loads, the previous one stays.
 */
export function useCustomerList(params: CustomerListParams) {
  const search = params.search.trim();
  const tag = params.tag.trim();
  const settled = { search: useDebouncedValue(search, TYPING_PAUSE_MS), tag: useDebouncedValue(tag, TYPING_PAUSE_MS) };
  const current = { ...params, ...settled };
  const { data, previousData, error, networkStatus, fetchMore, refetch } = useQuery(CUSTOMERS_QUERY, {
    variables: { first: CUSTOMERS_PAGE_SIZE, search: current.search || null, filter: filterOf(current), sort: current.sort },
    notifyOnNetworkStatusChange: true,
    // A subgraph that fails blanks its column (balance, locations or tickets), not the list.
    errorPolicy: 'all',
  });
  const shown = data ?? (error ? undefined : previousData);
  return {
    customers: shown?.customers,
    /** The parameters the shown list answers (the typed ones may lag behind what is typed). */
    shownParams: current,
    loading: settled.search !== search || settled.tag !== tag
      || networkStatus === NetworkStatus.loading || networkStatus === NetworkStatus.setVariables,
    error,
    retry: () => refetch(),
    loadMore: () => fetchMore({ variables: { after: shown?.customers.pageInfo.endCursor ?? null } }),
  };
}
