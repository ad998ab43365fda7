import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { Connection } from '../../shared/connection.ts';
import { graphQLErrorsOf } from '../../shared/graphql-errors.ts';
import {
  ADD_NOTE_MUTATION, CUSTOMER_360_QUERY, CUSTOMER_PAGE_QUERIES, LOCATION_PAGE_QUERIES, PAGE_SIZE, type CustomerListField, type LocationItem, type LocationListField,
} from './operations.ts';
import { pageFailures } from './sections.ts';

const after = (connection: Connection<unknown> | null | undefined) => connection?.pageInfo.endCursor ?? null;

/**
 * The customer 360 from one query. `errorPolicy: 'all'` keeps the sections
 * that arrived when others failed; `failures` says which failed. Each list
 * grows in place with `fetchMore` on its own connection.
 */
export function useCustomer360(id: string) {
  const { data, error, loading, fetchMore, refetch } = useQuery(CUSTOMER_360_QUERY, {
    variables: { id, pageSize: PAGE_SIZE },
    errorPolicy: 'all',
    // Shown at once from the cache when visited before, and read again: others change the customer too.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const customer = data?.customer ?? null;
  const shown = (field: CustomerListField) => customer?.[field]?.edges.length ?? 0;
  // After a new memo, the notes (pinned first) and the history are read again from the top, as many as were shown and one.
  const [addNote] = useMutation(ADD_NOTE_MUTATION, {
    refetchQueries: () => (['notes', 'changes'] as const).map((field) => ({
      query: CUSTOMER_PAGE_QUERIES[field],
      variables: { id, first: Math.max(PAGE_SIZE, shown(field) + 1), after: null },
    })),
    awaitRefetchQueries: true,
  });

  return {
    customer,
    loading: loading && !data,
    error,
    /** The request itself failed (network, authentication): there is no partial data to show. */
    requestError: error && !CombinedGraphQLErrors.is(error) ? error : undefined,
    failures: pageFailures(graphQLErrorsOf(error), customer),
    retry: () => refetch(),
    /** Loads the next page of one of the customer's lists. */
    more: (field: CustomerListField) => () =>
      fetchMore({ query: CUSTOMER_PAGE_QUERIES[field], variables: { id, first: PAGE_SIZE, after: after(customer?.[field]) } }),
    /** Loads the next page of one of a location's lists. */
    moreAtLocation: (location: LocationItem, field: LocationListField) => () =>
      fetchMore({ query: LOCATION_PAGE_QUERIES[field], variables: { id: location.id, first: PAGE_SIZE, after: after(location[field]) } }),
    addNote: (body: string, pinned: boolean) => addNote({ variables: { input: { customerId: id, body, pinned } } }),
  };
}

export type Customer360State = ReturnType<typeof useCustomer360>;
export type LoadMore = Customer360State['more'];
