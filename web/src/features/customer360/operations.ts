import { graphql } from '../../generated/gql.ts';
import type { Customer360Query } from '../../generated/graphql.ts';
import type { Connection } from '../../shared/connection.ts';

/** Rows per page of each list on the page; "show more" fetches this many again. */
export const PAGE_SIZE = 10;

/**
 * Everything the customer 360 page shows, in one request through the gateway:
 * customers' record, history and activity timeline, billing's money, service's
 * locations and support's tickets and field work. The rows are the fragments
 * of fragments.graphql.
 */
export const CUSTOMER_360_QUERY = graphql(`
  query Customer360($id: ID!, $pageSize: Int!) {
    customer(id: $id) {
      id kind category name status companyName phone phoneAsTyped mobile email website preferredLanguage group tags salesRep
      registrationNumber taxNumber legalForm sector headcount firstContactOn remarks externalId lastActivityAt createdAt version
      currentSuspension { ...SuspensionFields }
      contacts { ...ContactFields }
      addresses { ...CustomerAddressFields }
      partners { ...PartnerFields }
      lifeEvents(first: $pageSize) { ...LifeEventPage }
      emails(first: $pageSize) { ...EmailPage }
      notes(first: $pageSize) { ...NotePage }
      changes(first: $pageSize) { ...ChangePage }
      timeline(first: $pageSize) { ...TimelinePage }

      balance { ...MoneyParts }
      openAmount { ...MoneyParts }
      creditLimit { ...MoneyParts }
      availableCredit { ...MoneyParts }
      autoPay
      paymentMethods { ...PaymentMethodFields }
      activeArrangement { ...ArrangementFields }
      invoices(first: $pageSize) { ...InvoicePage }
      payments(first: $pageSize) { ...PaymentPage }
      quotes(first: $pageSize) { ...QuotePage }
      contracts(first: $pageSize) { ...ContractPage }
      subscriptions(first: $pageSize) { ...SubscriptionPage }
      arrangements(first: $pageSize) { ...ArrangementPage }
      reminders(first: $pageSize) { ...ReminderPage }
      vouchers { ...VoucherFields }

      locations {
        id status connectionType installedAt
        address { ...AddressParts }
        networkAttachment { oltName oltPort ontId }
        equipment { ...EquipmentFields }
        voipLines { ...VoipLineFields }
        ipHistory(first: $pageSize) { ...IpPage }
        subscriptions { ...SubscriptionFields }
        tickets(first: $pageSize) { ...TicketPage }
      }

      openTicketCount
      technicianHours
      tickets(first: $pageSize) { ...TicketPage }
      workOrders(first: $pageSize) { ...WorkOrderPage }
    }
  }
`);

/**
 * The customer as the page shows it. Fields other subgraphs add to `Customer`
 * and `ServiceLocation` are nullable: with `errorPolicy: 'all'` a section whose
 * subgraph failed arrives empty and the page shows the rest.
 */
export type Customer360 = NonNullable<Customer360Query['customer']>;
export type LocationItem = NonNullable<Customer360['locations']>[number];

/** The lists of `Customer` that page in place, and of `ServiceLocation`. */
export type CustomerListField = {
  [K in keyof Customer360]-?: NonNullable<Customer360[K]> extends Connection<unknown> ? K : never
}[keyof Customer360];
export type LocationListField = 'tickets' | 'ipHistory';

// The next page of each list: the list's page fragment after a cursor. The cache appends it to the list on screen (app/cache.ts).

/** The next page of each list of the customer. */
export const CUSTOMER_PAGE_QUERIES = {
  invoices: graphql(`query CustomerInvoicesPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id invoices(first: $first, after: $after) { ...InvoicePage } } }`),
  payments: graphql(`query CustomerPaymentsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id payments(first: $first, after: $after) { ...PaymentPage } } }`),
  quotes: graphql(`query CustomerQuotesPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id quotes(first: $first, after: $after) { ...QuotePage } } }`),
  contracts: graphql(`query CustomerContractsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id contracts(first: $first, after: $after) { ...ContractPage } } }`),
  subscriptions: graphql(`query CustomerSubscriptionsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id subscriptions(first: $first, after: $after) { ...SubscriptionPage } } }`),
  arrangements: graphql(`query CustomerArrangementsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id arrangements(first: $first, after: $after) { ...ArrangementPage } } }`),
  reminders: graphql(`query CustomerRemindersPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id reminders(first: $first, after: $after) { ...ReminderPage } } }`),
  tickets: graphql(`query CustomerTicketsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id tickets(first: $first, after: $after) { ...TicketPage } } }`),
  workOrders: graphql(`query CustomerWorkOrdersPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id workOrders(first: $first, after: $after) { ...WorkOrderPage } } }`),
  lifeEvents: graphql(`query CustomerLifeEventsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id lifeEvents(first: $first, after: $after) { ...LifeEventPage } } }`),
  emails: graphql(`query CustomerEmailsPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id emails(first: $first, after: $after) { ...EmailPage } } }`),
  notes: graphql(`query CustomerNotesPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id notes(first: $first, after: $after) { ...NotePage } } }`),
  changes: graphql(`query CustomerChangesPage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id changes(first: $first, after: $after) { ...ChangePage } } }`),
  timeline: graphql(`query CustomerTimelinePage($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) { id timeline(first: $first, after: $after) { ...TimelinePage } } }`),
} satisfies Record<CustomerListField, unknown>;

/** The next page of each list of a service location. */
export const LOCATION_PAGE_QUERIES = {
  tickets: graphql(`query LocationTicketsPage($id: ID!, $first: Int!, $after: String) {
    serviceLocation(id: $id) { id tickets(first: $first, after: $after) { ...TicketPage } } }`),
  ipHistory: graphql(`query LocationIpHistoryPage($id: ID!, $first: Int!, $after: String) {
    serviceLocation(id: $id) { id ipHistory(first: $first, after: $after) { ...IpPage } } }`),
} satisfies Record<LocationListField, unknown>;

/**
 * The timeline narrowed to some types of activity (`invoice.*`...), from its
 * first page: the 360 query holds the whole timeline, this one a filtered view.
 */
export const CUSTOMER_TIMELINE_QUERY = graphql(`
  query CustomerTimeline($id: ID!, $first: Int!, $after: String, $types: [String!]!) {
    customer(id: $id) { id timeline(first: $first, after: $after, types: $types) { ...TimelinePage } }
  }
`);

/** A memo on the customer; the notes list is read again after it (pinned first, then newest). */
export const ADD_NOTE_MUTATION = graphql(`
  mutation AddNote($input: AddNoteInput!) { addNote(input: $input) { note { ...NoteFields } } }
`);
