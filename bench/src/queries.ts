/**
 * The operations the benchmark sends. The customer 360 and the list page are
 * the ops app's (web/src/features/customer360/operations.ts and
 * web/src/features/customers/operations.ts) with their fragments inlined: every
 * section of the customer page, ten rows per list.
 */

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
