/**
 * What the customer 360 query returns, typed by hand from its selection in
 * operations.ts. Fields other subgraphs add to `Customer` and `ServiceLocation`
 * are nullable: with `errorPolicy: 'all'` a section whose subgraph failed
 * arrives empty and the page shows the rest.
 */
import type { PostalAddress } from '../../shared/address.ts';
import type { CustomerRecord } from '../../shared/customer-record.ts';
import type {
  AddressType, ArrangementMethod, ArrangementStatus, BillingFrequency, ChangeAction, ChangeEntityType, Connection, ConnectionType,
  ContractPeriodicity, ContractStatus, ContractType, E911SyncStatus, EmailDirection,
  EquipmentKind, EquipmentStatus, InvoiceStatus, LifeEventKind, Money, PaymentMethod, PaymentMethodKind, QuoteStatus, ReminderChannel,
  ReminderKind, ReminderStatus, ServiceLocationStatus, SubscriptionStatus, SuspensionReason, TicketPriority, TicketStatus,
  VoipLineStatus, VoucherKind, VoucherState, WorkOrderStatus,
} from '../../shared/graph-types.ts';

// ---------------------------------------------------------------- customers

export interface Suspension {
  id: string;
  reason: SuspensionReason;
  note: string | null;
  startsOn: string;
  plannedEndOn: string | null;
  suspendedAt: string;
  suspendedBy: string;
}

export interface ContactItem {
  id: string;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  isPrincipal: boolean;
}

export interface AddressItem {
  id: string;
  type: AddressType;
  isDefault: boolean;
  label: string | null;
  address: PostalAddress;
}

export interface PartnerItem {
  id: string;
  /** The customer the link was recorded on: this one, or the partner when it was recorded on the other side. */
  customer: { id: string; name: string };
  partnerCustomer: { id: string; name: string } | null;
  organisationName: string | null;
  role: string;
  note: string | null;
}

export interface LifeEventItem {
  id: string;
  kind: LifeEventKind;
  title: string | null;
  occursOn: string;
  recursYearly: boolean;
  notes: string | null;
}

export interface EmailItem {
  id: string;
  direction: EmailDirection;
  from: string;
  to: string[];
  subject: string;
  excerpt: string | null;
  sentAt: string;
}

export interface NoteItem {
  id: string;
  body: string;
  pinned: boolean;
  author: string;
  createdAt: string;
}

export interface ChangeItem {
  id: string;
  entityType: ChangeEntityType;
  action: ChangeAction;
  field: string;
  before: string | null;
  after: string | null;
  changedBy: string;
  changedAt: string;
}

// ---------------------------------------------------------------- billing

export interface InvoiceItem {
  id: string;
  number: string | null;
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

export interface QuoteItem {
  id: string;
  number: string;
  status: QuoteStatus;
  quotedOn: string;
  validUntil: string;
  oneTime: { total: Money };
  monthly: { total: Money };
}

export interface ContractItem {
  id: string;
  number: string;
  type: ContractType;
  status: ContractStatus;
  startDate: string;
  endDate: string | null;
  periodicity: ContractPeriodicity;
  amount: Money;
  autoRenew: boolean;
}

export interface SubscriptionItem {
  id: string;
  description: string;
  quantity: string;
  amount: Money;
  frequency: BillingFrequency;
  status: SubscriptionStatus;
  startDate: string;
  nextBillingDate: string | null;
}

export interface ArrangementItem {
  id: string;
  amount: Money;
  agreedOn: string;
  dueDate: string;
  cutoffDate: string;
  daysToCutoff: number;
  method: ArrangementMethod | null;
  status: ArrangementStatus;
  staffNote: string | null;
}

export interface ReminderItem {
  id: string;
  kind: ReminderKind;
  level: number;
  channel: ReminderChannel;
  status: ReminderStatus;
  subject: string;
  scheduledOn: string;
  penalty: Money;
}

export interface VoucherItem {
  id: string;
  code: string;
  kind: VoucherKind;
  amount: Money | null;
  percent: string | null;
  description: string | null;
  validUntil: string | null;
  state: VoucherState;
}

export interface SavedPaymentMethodItem {
  id: string;
  kind: PaymentMethodKind;
  label: string;
  expiry: string | null;
  autoPay: boolean;
  autoPayLimit: Money | null;
}

// ---------------------------------------------------------------- service

export interface LiveStatus {
  online: boolean;
  lastContactAt: string | null;
  opticalRxPowerDbm: number | null;
  wifiClients: number | null;
  firmware: string | null;
}

export interface EquipmentItem {
  id: string;
  kind: EquipmentKind;
  model: string | null;
  serial: string;
  macAddress: string | null;
  status: EquipmentStatus;
  /** Null when the device is not installed, unknown to the ACS, or the ACS could not be asked (see `LocationsSection`). */
  liveStatus: LiveStatus | null;
}

export interface VoipLineItem {
  id: string;
  did: string;
  status: VoipLineStatus;
  callerIdName: string | null;
  extension: string | null;
  e911: { id: string; syncStatus: E911SyncStatus; address: PostalAddress; lastSyncError: string | null } | null;
}

export interface IpItem {
  id: string;
  ip: string;
  assignedAt: string;
  releasedAt: string | null;
}

export interface LocationItem {
  id: string;
  status: ServiceLocationStatus;
  connectionType: ConnectionType;
  installedAt: string | null;
  address: PostalAddress;
  networkAttachment: { oltName: string; oltPort: string; ontId: number | null } | null;
  equipment: EquipmentItem[];
  voipLines: VoipLineItem[];
  ipHistory: Connection<IpItem>;
  /** Answered by billing: null when that subgraph failed. */
  subscriptions: SubscriptionItem[] | null;
  /** Answered by support: null when that subgraph failed. */
  tickets: Connection<TicketItem> | null;
}

// ---------------------------------------------------------------- support

export interface TicketItem {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: string;
  updatedAt: string;
}

export interface WorkOrderItem {
  id: string;
  status: WorkOrderStatus;
  billable: boolean;
  startedAt: string;
  ticket: { id: string; number: string } | null;
  visits: { technician: { id: string; name: string }; hours: number }[];
  total: Money;
}

// ---------------------------------------------------------------- the whole picture

export interface Customer360 extends CustomerRecord {
  // customers
  firstContactOn: string | null;
  externalId: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  currentSuspension: Suspension | null;
  contacts: ContactItem[];
  addresses: AddressItem[];
  partners: PartnerItem[];
  lifeEvents: Connection<LifeEventItem>;
  emails: Connection<EmailItem>;
  notes: Connection<NoteItem>;
  changes: Connection<ChangeItem>;
  // billing
  balance: Money | null;
  openAmount: Money | null;
  creditLimit: Money | null;
  availableCredit: Money | null;
  autoPay: boolean | null;
  paymentMethods: SavedPaymentMethodItem[] | null;
  activeArrangement: ArrangementItem | null;
  invoices: Connection<InvoiceItem> | null;
  payments: Connection<PaymentItem> | null;
  quotes: Connection<QuoteItem> | null;
  contracts: Connection<ContractItem> | null;
  subscriptions: Connection<SubscriptionItem> | null;
  arrangements: Connection<ArrangementItem> | null;
  reminders: Connection<ReminderItem> | null;
  vouchers: VoucherItem[] | null;
  // service
  locations: LocationItem[] | null;
  // support
  openTicketCount: number | null;
  technicianHours: number | null;
  tickets: Connection<TicketItem> | null;
  workOrders: Connection<WorkOrderItem> | null;
}

/** The lists of `Customer` that page in place, and of `ServiceLocation`. */
export type CustomerListField = {
  [K in keyof Customer360]: NonNullable<Customer360[K]> extends Connection<unknown> ? K : never
}[keyof Customer360];
export type LocationListField = 'tickets' | 'ipHistory';
