import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Connection, CustomerStatus, Money } from '../../shared/graph-types.ts';

/** One row of the customers list: the four subgraphs answer it in the same request. */
export interface CustomerListItem {
  id: string;
  name: string;
  phone: string | null;
  status: CustomerStatus;
  balance: Money;
  locations: { id: string }[];
  openTicketCount: number;
}

export interface CustomersData {
  customers: Connection<CustomerListItem>;
}

export interface CustomersVariables {
  first: number;
  after?: string | null;
  search?: string | null;
}

export const CUSTOMERS_QUERY: TypedDocumentNode<CustomersData, CustomersVariables> = gql`
  query Customers($first: Int!, $after: String, $search: String) {
    customers(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        cursor
        node {
          id
          name
          phone
          status
          balance { amount currency }
          locations { id }
          openTicketCount
        }
      }
    }
  }
`;
