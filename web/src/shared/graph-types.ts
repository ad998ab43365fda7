/**
 * The graph's enums and small shared types, written by hand from
 * schema/supergraph.graphql until GraphQL codegen generates them.
 */
export type { Money } from './money.ts';

export type CustomerKind = 'COMPANY' | 'INDIVIDUAL';
export type CustomerStatus = 'ACTIVE' | 'SUSPENDED' | 'INACTIVE';
export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID' | 'OVERDUE' | 'VOID';
export type PaymentMethod = 'CARD' | 'BANK_TRANSFER' | 'CASH' | 'CHEQUE' | 'DIRECT_DEBIT';
export type ConnectionType = 'FIBRE' | 'DSL' | 'CABLE' | 'WIRELESS';
export type ServiceLocationStatus = 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'DISCONNECTED';
export type EquipmentKind = 'ONT' | 'ROUTER' | 'ATA' | 'SET_TOP_BOX' | 'SWITCH' | 'OTHER';
export type EquipmentStatus = 'IN_STOCK' | 'INSTALLED' | 'RETURNED' | 'FAULTY';
export type TicketStatus = 'OPEN' | 'IN_PROGRESS' | 'WAITING_CUSTOMER' | 'RESOLVED' | 'CLOSED';
export type TicketPriority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';

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
