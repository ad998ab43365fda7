/**
 * The graph's enums and small shared types, written by hand from
 * schema/supergraph.graphql until GraphQL codegen generates them
 * (`app/operations.test.ts` checks every operation against that schema).
 */
export type { Money } from './money.ts';

// customers
export type CustomerKind = 'COMPANY' | 'INDIVIDUAL';
export type CustomerCategory = 'PROSPECT' | 'CLIENT' | 'SUPPLIER' | 'PARTNER';
export type CustomerStatus = 'ACTIVE' | 'SUSPENDED' | 'INACTIVE';
export type CustomerSort = 'NEWEST' | 'OLDEST' | 'NAME';
export type RequiredCustomerField = 'PHONE' | 'MOBILE' | 'EMAIL' | 'ADDRESS' | 'TAX_NUMBER' | 'REGISTRATION_NUMBER' | 'COMPANY_NAME' | 'SALES_REP';
export type AddressType = 'BILLING' | 'SHIPPING' | 'SERVICE' | 'OTHER';
export type LifeEventKind = 'ENGAGEMENT' | 'WEDDING' | 'MOVE' | 'FLIGHT' | 'BIRTHDAY' | 'BUSINESS_MILESTONE' | 'CUSTOM';
export type EmailDirection = 'INBOUND' | 'OUTBOUND';
export type SuspensionReason = 'NON_PAYMENT' | 'CUSTOMER_REQUEST' | 'ABUSE' | 'OTHER';
export type ChangeEntityType = 'CUSTOMER' | 'CONTACT' | 'ADDRESS' | 'PARTNER' | 'LIFE_EVENT' | 'EMAIL' | 'NOTE' | 'SUSPENSION';
export type ChangeAction = 'CREATED' | 'UPDATED' | 'REMOVED' | 'DELETED';

// billing
export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID' | 'OVERDUE' | 'VOID';
export type PaymentMethod = 'CARD' | 'BANK_TRANSFER' | 'CASH' | 'CHEQUE' | 'DIRECT_DEBIT';
export type QuoteStatus = 'DRAFT' | 'SENT' | 'ACCEPTED' | 'REFUSED' | 'EXPIRED';
export type ContractType = 'MAINTENANCE' | 'CONSULTING' | 'TRAINING' | 'SUPPORT' | 'SERVICE';
export type ContractPeriodicity = 'ONE_OFF' | 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';
export type ContractStatus = 'ACTIVE' | 'INACTIVE' | 'TERMINATED' | 'EXPIRED';
export type BillingFrequency = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';
export type SubscriptionStatus = 'ACTIVE' | 'PAUSED' | 'CANCELLED';
export type ArrangementMethod = 'PORTAL' | 'CHEQUE' | 'PHONE' | 'PRE_AUTHORIZED';
export type ArrangementStatus = 'PENDING' | 'OPEN' | 'COMPLETED' | 'BROKEN' | 'CANCELLED';
export type PaymentMethodKind = 'CARD' | 'BANK_DEBIT' | 'PROCESSOR_PROFILE';
export type ReminderKind = 'PAYMENT' | 'CONTRACT_END';
export type ReminderChannel = 'EMAIL' | 'PHONE' | 'SMS' | 'LETTER';
export type ReminderStatus = 'PENDING' | 'SENT' | 'PROCESSED' | 'CANCELLED';
export type VoucherKind = 'AMOUNT' | 'PERCENT';
export type VoucherState = 'ACTIVE' | 'NOT_YET_VALID' | 'EXPIRED' | 'REDEEMED';

// service
export type ConnectionType = 'FIBRE' | 'DSL' | 'CABLE' | 'WIRELESS';
export type ServiceLocationStatus = 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'DISCONNECTED';
export type EquipmentKind = 'ONT' | 'ROUTER' | 'ATA' | 'SET_TOP_BOX' | 'SWITCH' | 'OTHER';
export type EquipmentStatus = 'IN_STOCK' | 'INSTALLED' | 'RETURNED' | 'FAULTY';
export type VoipLineStatus = 'ACTIVE' | 'DECOMMISSIONED';
export type E911SyncStatus = 'SYNCED' | 'PENDING' | 'MISMATCH' | 'MISSING' | 'FAILED';
export type E911AuditFinding = 'ADDRESS_MISMATCH' | 'NO_911_RECORD' | 'NO_ACTIVE_LINE';

// support
export type TicketStatus = 'OPEN' | 'IN_PROGRESS' | 'WAITING_CUSTOMER' | 'RESOLVED' | 'CLOSED';
export type TicketPriority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
export type WorkOrderStatus = 'OPEN' | 'COMPLETED' | 'CANCELLED';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection as the graph returns it (GUIDE §7). */
export interface Connection<Node> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: Node }[];
}

/** A report as CSV text (`CsvExport`): the app saves `content` under `filename`. */
export interface CsvExport {
  filename: string;
  contentType: string;
  rowCount: number;
  content: string;
}
