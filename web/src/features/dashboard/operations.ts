import { graphql } from '../../generated/gql.ts';

// Two queries, not one: both fields are non-null roots, so in one request a subgraph that fails would blank the other's figures too.

/** The customers subgraph's figures. */
export const CUSTOMER_STATISTICS_QUERY = graphql(`
  query CustomerStatistics {
    customerStatistics { total newThisMonth activeLast90Days byStatus { status count } byCategory { category count } }
  }
`);

/** Billing's collections figures; `quoteConversionRate` is null before any quote was decided. */
export const BILLING_STATISTICS_QUERY = graphql(`
  query BillingStatistics {
    billingStatistics {
      quotesByStatus { status count }
      quoteConversionRate
      overdueInvoices { count total { ...MoneyParts } outstanding { ...MoneyParts } }
      remindersByStatus { status count }
    }
  }
`);
