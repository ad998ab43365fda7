import { print } from 'graphql';
import { Customer360Document } from '@c360/web/operations';

/**
 * The operations the benchmark sends. `CUSTOMER_360_PAGE` is the ops app's own
 * query for the customer page (web's generated document: `turbo run codegen`
 * writes it, `npm run bench` runs that first): every section, ten rows per
 * list. `CUSTOMER_360` is its core, the part the limit's hand-written statement
 * reproduces field for field (bench/src/limit.ts): the customer, its balance,
 * invoices, payments, locations with their equipment and tickets, open tickets
 * and tickets, one section or more from each subgraph. The list page is the
 * ops app's customers page.
 */
export const CUSTOMER_360_PAGE = print(Customer360Document);

export const PAGE_SIZE = 10;

const page = (node: string) => `totalCount
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { ${node} } }`;
const INVOICE_NODE = 'id number status issuedAt dueDate total { amount currency } outstanding { amount currency }';
const PAYMENT_NODE = 'id receivedAt method reference amount { amount currency } unallocated { amount currency }';
const TICKET_NODE = 'id number subject status priority createdAt updatedAt';

export const CUSTOMER_360 = `query Customer360($id: ID!, $pageSize: Int!) {
  customer(id: $id) {
    id kind name status phone phoneAsTyped email lastActivityAt createdAt version
    balance { amount currency }
    invoices(first: $pageSize) { ${page(INVOICE_NODE)} }
    payments(first: $pageSize) { ${page(PAYMENT_NODE)} }
    locations {
      id status connectionType installedAt
      address { number unit street city region postalCode country }
      equipment { id kind model serial macAddress status }
      tickets(first: $pageSize) { ${page(TICKET_NODE)} }
    }
    openTicketCount
    tickets(first: $pageSize) { ${page(TICKET_NODE)} }
  }
}`;

/** The customers list page of the ops app, with its balances, locations and open tickets. */
export const CUSTOMERS_PAGE = `query Customers($first: Int!, $after: String, $search: String) {
  customers(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name phone status balance { amount currency } locations { id } openTicketCount } }
  }
}`;

/** What the search box of the customers page sends while typing. */
export const CUSTOMER_SEARCH = `query Search($search: String!) {
  customers(first: 20, search: $search) {
    totalCount
    edges { node { id name phone email status } }
  }
}`;

export const UPSERT_CUSTOMER = `mutation Upsert($input: UpsertCustomerInput!) {
  upsertCustomer(input: $input) { isNew customer { id version } }
}`;

export const CREATE_INVOICE = `mutation CreateInvoice($input: CreateInvoiceInput!) {
  createInvoice(input: $input) { invoice { id number total { amount } } }
}`;

/** A GraphQL POST body. */
export const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
