import { useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { Connection } from '../../shared/graph-types.ts';
import { graphQLErrorsOf } from '../../shared/graphql-errors.ts';
import {
  CUSTOMER_360_QUERY, CUSTOMER_INVOICES_PAGE, CUSTOMER_PAYMENTS_PAGE, CUSTOMER_TICKETS_PAGE, LOCATION_TICKETS_PAGE, PAGE_SIZE,
  type LocationItem,
} from './operations.ts';
import { pageFailures } from './sections.ts';

const after = (connection: Connection<unknown> | null | undefined) => connection?.pageInfo.endCursor ?? '';

/**
 * The customer 360 from one query. `errorPolicy: 'all'` keeps the sections
 * that arrived when others failed; `failures` says which failed. Each list
 * grows in place with `fetchMore` on its own connection.
 */
export function useCustomer360(id: string) {
  const { data, error, loading, fetchMore, refetch } = useQuery(CUSTOMER_360_QUERY, {
    variables: { id, pageSize: PAGE_SIZE },
    errorPolicy: 'all',
  });
  const customer = data?.customer ?? null;
  const next = { id, first: PAGE_SIZE };
  return {
    customer,
    loading: loading && !data,
    error,
    /** The request itself failed (network, authentication): there is no partial data to show. */
    requestError: error && !CombinedGraphQLErrors.is(error) ? error : undefined,
    failures: pageFailures(graphQLErrorsOf(error), customer),
    retry: () => refetch(),
    more: {
      invoices: () => fetchMore({ query: CUSTOMER_INVOICES_PAGE, variables: { ...next, after: after(customer?.invoices) } }),
      payments: () => fetchMore({ query: CUSTOMER_PAYMENTS_PAGE, variables: { ...next, after: after(customer?.payments) } }),
      tickets: () => fetchMore({ query: CUSTOMER_TICKETS_PAGE, variables: { ...next, after: after(customer?.tickets) } }),
      locationTickets: (location: LocationItem) =>
        fetchMore({ query: LOCATION_TICKETS_PAGE, variables: { id: location.id, first: PAGE_SIZE, after: after(location.tickets) } }),
    },
  };
}

export type Customer360State = ReturnType<typeof useCustomer360>;
