import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  Connection, ConnectionType, CustomerKind, CustomerStatus, EquipmentKind, EquipmentStatus, InvoiceStatus, Money,
  PaymentMethod, ServiceLocationStatus, TicketPriority, TicketStatus,
} from '../../shared/graph-types.ts';
import type { PostalAddress } from '../../shared/address.ts';

/** Rows per page of each list on the page; "show more" fetches this many again. */
export const PAGE_SIZE = 10;

export interface InvoiceItem {
  id: string;
  number: string;
  status: InvoiceStatus;
  issuedAt: string;
  dueDate: string;
  total: Money;
  outstanding: Money;
}

export interface PaymentItem {
  id: string;
  receivedAt: string;
  method: PaymentMethod;
  reference: string | null;
  amount: Money;
  unallocated: Money;
}

export interface TicketItem {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: string;
  updatedAt: string;
}

export interface EquipmentItem {
  id: string;
  kind: EquipmentKind;
  model: string | null;
  serial: string;
  macAddress: string | null;
  status: EquipmentStatus;
}

export interface LocationItem {
  id: string;
  status: ServiceLocationStatus;
  connectionType: ConnectionType;
  installedAt: string | null;
  address: PostalAddress;
  equipment: EquipmentItem[];
  /** Answered by support: null when that subgraph failed. */
  tickets: Connection<TicketItem> | null;
}

/**
 * A customer's whole picture. The fields of other subgraphs than customers'
 * are typed nullable: with `errorPolicy: 'all'` a section whose subgraph failed
 * arrives empty and the page shows the rest.
 */
export interface Customer360 {
  id: string;
  kind: CustomerKind;
  name: string;
  status: CustomerStatus;
  phone: string | null;
  phoneAsTyped: string | null;
  email: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  version: number;
  balance: Money | null;
  invoices: Connection<InvoiceItem> | null;
  payments: Connection<PaymentItem> | null;
  locations: LocationItem[] | null;
  openTicketCount: number | null;
  tickets: Connection<TicketItem> | null;
}

// One fragment per list, so that each "next page" query below asks for exactly what the page shows.
const INVOICE_PAGE = gql`
  fragment InvoicePage on InvoiceConnection {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id number status issuedAt dueDate total { amount currency } outstanding { amount currency } } }
  }
`;

const PAYMENT_PAGE = gql`
  fragment PaymentPage on PaymentConnection {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id receivedAt method reference amount { amount currency } unallocated { amount currency } } }
  }
`;

const TICKET_PAGE = gql`
  fragment TicketPage on TicketConnection {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id number subject status priority createdAt updatedAt } }
  }
`;

/** Everything the customer 360 page shows, in one request through the gateway. */
export const CUSTOMER_360_QUERY: TypedDocumentNode<{ customer: Customer360 | null }, { id: string; pageSize: number }> = gql`
  query Customer360($id: ID!, $pageSize: Int!) {
    customer(id: $id) {
      id kind name status phone phoneAsTyped email lastActivityAt createdAt version
      balance { amount currency }
      invoices(first: $pageSize) { ...InvoicePage }
      payments(first: $pageSize) { ...PaymentPage }
      locations {
        id status connectionType installedAt
        address { number unit street city region postalCode country }
        equipment { id kind model serial macAddress status }
        tickets(first: $pageSize) { ...TicketPage }
      }
      openTicketCount
      tickets(first: $pageSize) { ...TicketPage }
    }
  }
  ${INVOICE_PAGE}
  ${PAYMENT_PAGE}
  ${TICKET_PAGE}
`;

/** Variables of the "next page" queries below. */
export interface NextPageVariables {
  id: string;
  first: number;
  after: string;
}

// The next page of one list; the cache appends it to the list the page shows (see app/cache.ts).
export const CUSTOMER_INVOICES_PAGE: TypedDocumentNode<{ customer: Pick<Customer360, 'id' | 'invoices'> | null }, NextPageVariables> = gql`
  query CustomerInvoicesPage($id: ID!, $first: Int!, $after: String!) {
    customer(id: $id) { id invoices(first: $first, after: $after) { ...InvoicePage } }
  }
  ${INVOICE_PAGE}
`;

export const CUSTOMER_PAYMENTS_PAGE: TypedDocumentNode<{ customer: Pick<Customer360, 'id' | 'payments'> | null }, NextPageVariables> = gql`
  query CustomerPaymentsPage($id: ID!, $first: Int!, $after: String!) {
    customer(id: $id) { id payments(first: $first, after: $after) { ...PaymentPage } }
  }
  ${PAYMENT_PAGE}
`;

export const CUSTOMER_TICKETS_PAGE: TypedDocumentNode<{ customer: Pick<Customer360, 'id' | 'tickets'> | null }, NextPageVariables> = gql`
  query CustomerTicketsPage($id: ID!, $first: Int!, $after: String!) {
    customer(id: $id) { id tickets(first: $first, after: $after) { ...TicketPage } }
  }
  ${TICKET_PAGE}
`;

export const LOCATION_TICKETS_PAGE: TypedDocumentNode<{ serviceLocation: Pick<LocationItem, 'id' | 'tickets'> | null }, NextPageVariables> = gql`
  query LocationTicketsPage($id: ID!, $first: Int!, $after: String!) {
    serviceLocation(id: $id) { id tickets(first: $first, after: $after) { ...TicketPage } }
  }
  ${TICKET_PAGE}
`;
