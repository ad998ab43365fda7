import type { PageArgs, Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import type { CustomerRef } from './customer.ref.ts';

/** Billing's fields on the customers subgraph's Customer. */
export const customerResolvers: Resolvers<BillingContext> = {
  Customer: {
    // Nothing to load: every billing field of a customer is computed from its id.
    __resolveReference: (ref: CustomerRef) => ref,
    invoices: (customer: CustomerRef, args: PageArgs, ctx) => ctx.invoices.forCustomer(customer.id, args),
    payments: (customer: CustomerRef, args: PageArgs, ctx) => ctx.payments.forCustomer(customer.id, args),
    balance: (customer: CustomerRef, _args, ctx) => ctx.balances.of(customer.id),
  },
};
