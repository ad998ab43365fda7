import { graphql } from '../../generated/gql.ts';

/** A page of the customers list; each row is answered by the four subgraphs in the same request. */
export const CUSTOMERS_QUERY = graphql(`
  query Customers($first: Int!, $after: String, $search: String, $filter: CustomerFilter, $sort: CustomerSort) {
    customers(first: $first, after: $after, search: $search, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { ...PageInfoParts }
      edges { cursor node { ...CustomerListItem } }
    }
  }
`);
