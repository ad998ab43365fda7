import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Connection, CustomerCategory, CustomerKind, CustomerSort, CustomerStatus, Money } from '../../shared/graph-types.ts';
import type { CustomersFilter } from './list-params.ts';

/** One row of the customers list: the four subgraphs answer it in the same request. */
export interface CustomerListItem {
  id: string;
  name: string;
  kind: CustomerKind;
  category: CustomerCategory;
  phone: string | null;
  status: CustomerStatus;
  tags: string[];
  /** Null when billing failed. */
  balance: Money | null;
  /** Null when service failed. */
  locations: { id: string }[] | null;
  /** Null when support failed. */
  openTicketCount: number | null;
}

export interface CustomersData {
  customers: Connection<CustomerListItem>;
}

export interface CustomersVariables {
  first: number;
  after?: string | null;
  search?: string | null;
  filter?: CustomersFilter | null;
  sort?: CustomerSort;
}

export const CUSTOMERS_QUERY: TypedDocumentNode<CustomersData, CustomersVariables> = gql`
  query Customers($first: Int!, $after: String, $search: String, $filter: CustomerFilter, $sort: CustomerSort) {
    customers(first: $first, after: $after, search: $search, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        cursor
        node {
          id
          name
          kind
          category
          phone
          status
          tags
          balance { amount currency }
          locations { id }
          openTicketCount
        }
      }
    }
  }
`;
