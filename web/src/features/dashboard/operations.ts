import { gql, type TypedDocumentNode } from '@apollo/client';
import { MONEY } from '../../shared/fragments.ts';
import type { CustomerCategory, CustomerStatus, Money, QuoteStatus, ReminderStatus } from '../../shared/graph-types.ts';

export interface CustomerStatistics {
  total: number;
  byStatus: { status: CustomerStatus; count: number }[];
  byCategory: { category: CustomerCategory; count: number }[];
  newThisMonth: number;
  activeLast90Days: number;
}

export interface BillingStatistics {
  quotesByStatus: { status: QuoteStatus; count: number }[];
  /** Null before any quote was decided. */
  quoteConversionRate: number | null;
  overdueInvoices: { count: number; total: Money; outstanding: Money };
  remindersByStatus: { status: ReminderStatus; count: number }[];
}

// Two queries, not one: both fields are non-null roots, so in one request a subgraph that fails would blank the other's figures too.

/** The customers subgraph's figures. */
export const CUSTOMER_STATISTICS_QUERY: TypedDocumentNode<{ customerStatistics: CustomerStatistics }, Record<string, never>> = gql`
  query CustomerStatistics {
    customerStatistics { total newThisMonth activeLast90Days byStatus { status count } byCategory { category count } }
  }
`;

/** Billing's collections figures. */
export const BILLING_STATISTICS_QUERY: TypedDocumentNode<{ billingStatistics: BillingStatistics }, Record<string, never>> = gql`
  query BillingStatistics {
    billingStatistics {
      quotesByStatus { status count }
      quoteConversionRate
      overdueInvoices { count total { ...MoneyParts } outstanding { ...MoneyParts } }
      remindersByStatus { status count }
    }
  }
  ${MONEY}
`;
