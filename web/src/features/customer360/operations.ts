import { gql, type DocumentNode, type TypedDocumentNode } from '@apollo/client';
import { ADDRESS, connectionFragment, MONEY } from '../../shared/fragments.ts';
import { nextPageQuery, type NextPageVariables } from '../../shared/next-page-query.ts';
import type { Customer360, CustomerListField, LocationListField, NoteItem } from './types.ts';

/** Rows per page of each list on the page; "show more" fetches this many again. */
export const PAGE_SIZE = 10;

// One fragment per list, so that each "next page" query asks for exactly what the page shows.

const INVOICE_FIELDS = gql`
  fragment InvoiceFields on Invoice { id number status issuedAt dueDate total { ...MoneyParts } outstanding { ...MoneyParts } }
  ${MONEY}
`;

const PAYMENT_FIELDS = gql`
  fragment PaymentFields on Payment { id receivedAt method reference amount { ...MoneyParts } unallocated { ...MoneyParts } }
  ${MONEY}
`;

const QUOTE_FIELDS = gql`
  fragment QuoteFields on Quote {
    id number status quotedOn validUntil oneTime { total { ...MoneyParts } } monthly { total { ...MoneyParts } }
  }
  ${MONEY}
`;

const CONTRACT_FIELDS = gql`
  fragment ContractFields on Contract { id number type status startDate endDate periodicity amount { ...MoneyParts } autoRenew }
  ${MONEY}
`;

const SUBSCRIPTION_FIELDS = gql`
  fragment SubscriptionFields on ServiceSubscription {
    id description quantity amount { ...MoneyParts } frequency status startDate nextBillingDate
  }
  ${MONEY}
`;

const ARRANGEMENT_FIELDS = gql`
  fragment ArrangementFields on PaymentArrangement {
    id amount { ...MoneyParts } agreedOn dueDate cutoffDate daysToCutoff method status staffNote
  }
  ${MONEY}
`;

const REMINDER_FIELDS = gql`
  fragment ReminderFields on Reminder { id kind level channel status subject scheduledOn penalty { ...MoneyParts } }
  ${MONEY}
`;

const TICKET_FIELDS = gql`fragment TicketFields on Ticket { id number subject status priority createdAt updatedAt }`;

const WORK_ORDER_FIELDS = gql`
  fragment WorkOrderFields on WorkOrder {
    id status billable startedAt ticket { id number } visits { technician { id name } hours } total { ...MoneyParts }
  }
  ${MONEY}
`;

const LIFE_EVENT_FIELDS = gql`fragment LifeEventFields on LifeEvent { id kind title occursOn recursYearly notes }`;
const EMAIL_FIELDS = gql`fragment EmailFields on EmailMessage { id direction from to subject excerpt sentAt }`;
const NOTE_FIELDS = gql`fragment NoteFields on Note { id body pinned author createdAt }`;
const CHANGE_FIELDS = gql`fragment ChangeFields on ChangeRecord { id entityType action field before after changedBy changedAt }`;
const IP_FIELDS = gql`fragment IpFields on IpAssignment { id ip assignedAt releasedAt }`;

const INVOICE_PAGE = connectionFragment('InvoicePage', 'InvoiceConnection', INVOICE_FIELDS);
const PAYMENT_PAGE = connectionFragment('PaymentPage', 'PaymentConnection', PAYMENT_FIELDS);
const QUOTE_PAGE = connectionFragment('QuotePage', 'QuoteConnection', QUOTE_FIELDS);
const CONTRACT_PAGE = connectionFragment('ContractPage', 'ContractConnection', CONTRACT_FIELDS);
const SUBSCRIPTION_PAGE = connectionFragment('SubscriptionPage', 'ServiceSubscriptionConnection', SUBSCRIPTION_FIELDS);
const ARRANGEMENT_PAGE = connectionFragment('ArrangementPage', 'PaymentArrangementConnection', ARRANGEMENT_FIELDS);
const REMINDER_PAGE = connectionFragment('ReminderPage', 'ReminderConnection', REMINDER_FIELDS);
const TICKET_PAGE = connectionFragment('TicketPage', 'TicketConnection', TICKET_FIELDS);
const WORK_ORDER_PAGE = connectionFragment('WorkOrderPage', 'WorkOrderConnection', WORK_ORDER_FIELDS);
const LIFE_EVENT_PAGE = connectionFragment('LifeEventPage', 'LifeEventConnection', LIFE_EVENT_FIELDS);
const EMAIL_PAGE = connectionFragment('EmailPage', 'EmailMessageConnection', EMAIL_FIELDS);
const NOTE_PAGE = connectionFragment('NotePage', 'NoteConnection', NOTE_FIELDS);
const CHANGE_PAGE = connectionFragment('ChangePage', 'ChangeRecordConnection', CHANGE_FIELDS);
const IP_PAGE = connectionFragment('IpPage', 'IpAssignmentConnection', IP_FIELDS);

/**
 * Everything the customer 360 page shows, in one request through the gateway:
 * customers' record and history, billing's money, service's locations and
 * support's tickets and field work.
 */
export const CUSTOMER_360_QUERY: TypedDocumentNode<{ customer: Customer360 | null }, { id: string; pageSize: number }> = gql`
  query Customer360($id: ID!, $pageSize: Int!) {
    customer(id: $id) {
      id kind category name status companyName phone phoneAsTyped mobile email website preferredLanguage group tags salesRep
      registrationNumber taxNumber legalForm sector headcount firstContactOn remarks externalId lastActivityAt createdAt version
      currentSuspension { id reason note startsOn plannedEndOn suspendedAt suspendedBy }
      contacts { id name role phone email notes isPrincipal }
      addresses { id type isDefault label address { ...AddressParts } }
      partners { id customer { id name } partnerCustomer { id name } organisationName role note }
      lifeEvents(first: $pageSize) { ...LifeEventPage }
      emails(first: $pageSize) { ...EmailPage }
      notes(first: $pageSize) { ...NotePage }
      changes(first: $pageSize) { ...ChangePage }

      balance { ...MoneyParts }
      openAmount { ...MoneyParts }
      creditLimit { ...MoneyParts }
      availableCredit { ...MoneyParts }
      autoPay
      paymentMethods { id kind label expiry autoPay autoPayLimit { ...MoneyParts } }
      activeArrangement { ...ArrangementFields }
      invoices(first: $pageSize) { ...InvoicePage }
      payments(first: $pageSize) { ...PaymentPage }
      quotes(first: $pageSize) { ...QuotePage }
      contracts(first: $pageSize) { ...ContractPage }
      subscriptions(first: $pageSize) { ...SubscriptionPage }
      arrangements(first: $pageSize) { ...ArrangementPage }
      reminders(first: $pageSize) { ...ReminderPage }
      vouchers { id code kind amount { ...MoneyParts } percent description validUntil state }

      locations {
        id status connectionType installedAt
        address { ...AddressParts }
        networkAttachment { oltName oltPort ontId }
        equipment { id kind model serial macAddress status liveStatus { online lastContactAt opticalRxPowerDbm wifiClients firmware } }
        voipLines { id did status callerIdName extension e911 { id syncStatus lastSyncError address { ...AddressParts } } }
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
  ${ADDRESS} ${MONEY} ${ARRANGEMENT_FIELDS} ${SUBSCRIPTION_FIELDS}
  ${INVOICE_PAGE} ${PAYMENT_PAGE} ${QUOTE_PAGE} ${CONTRACT_PAGE} ${SUBSCRIPTION_PAGE} ${ARRANGEMENT_PAGE} ${REMINDER_PAGE}
  ${TICKET_PAGE} ${WORK_ORDER_PAGE} ${LIFE_EVENT_PAGE} ${EMAIL_PAGE} ${NOTE_PAGE} ${CHANGE_PAGE} ${IP_PAGE}
`;

const CUSTOMER_LISTS: Record<CustomerListField, DocumentNode> = {
  invoices: INVOICE_PAGE, payments: PAYMENT_PAGE, quotes: QUOTE_PAGE, contracts: CONTRACT_PAGE, subscriptions: SUBSCRIPTION_PAGE,
  arrangements: ARRANGEMENT_PAGE, reminders: REMINDER_PAGE, tickets: TICKET_PAGE, workOrders: WORK_ORDER_PAGE,
  lifeEvents: LIFE_EVENT_PAGE, emails: EMAIL_PAGE, notes: NOTE_PAGE, changes: CHANGE_PAGE,
};
const LOCATION_LISTS: Record<LocationListField, DocumentNode> = { tickets: TICKET_PAGE, ipHistory: IP_PAGE };

const capitalised = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);

/** The next page of each list of the customer: `CustomerInvoicesPage`, `CustomerNotesPage`... */
export const CUSTOMER_PAGE_QUERIES = Object.fromEntries(
  Object.entries(CUSTOMER_LISTS).map(([field, fragment]) => [field, nextPageQuery(`Customer${capitalised(field)}Page`, 'customer', field, fragment)]),
) as Record<CustomerListField, TypedDocumentNode<unknown, NextPageVariables>>;

/** The next page of each list of a service location: `LocationTicketsPage`, `LocationIpHistoryPage`. */
export const LOCATION_PAGE_QUERIES = Object.fromEntries(
  Object.entries(LOCATION_LISTS).map(([field, fragment]) => [field, nextPageQuery(`Location${capitalised(field)}Page`, 'serviceLocation', field, fragment)]),
) as Record<LocationListField, TypedDocumentNode<unknown, NextPageVariables>>;

export interface AddNoteInput {
  customerId: string;
  body: string;
  pinned: boolean;
}

/** A memo on the customer; the notes list is read again after it (pinned first, then newest). */
export const ADD_NOTE_MUTATION: TypedDocumentNode<{ addNote: { note: NoteItem } }, { input: AddNoteInput }> = gql`
  mutation AddNote($input: AddNoteInput!) { addNote(input: $input) { note { ...NoteFields } } }
  ${NOTE_FIELDS}
`;
