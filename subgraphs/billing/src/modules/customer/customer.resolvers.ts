import type { PageArgs, Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import type { CustomerRef } from './customer.ref.ts';

type Args = PageArgs & Record<string, never>;

/** Billing's fields on the customers subgraph's Customer: each a batched read keyed by the customer's id. */
export const customerResolvers: Resolvers<BillingContext> = {
  Customer: {
    // Nothing to load: every billing field of a customer is computed from its id.
    __resolveReference: (ref: CustomerRef) => ref,
    invoices: (customer: CustomerRef, args: Args, ctx) => ctx.invoices.forCustomer(customer.id, args),
    payments: (customer: CustomerRef, args: Args, ctx) => ctx.payments.forCustomer(customer.id, args),
    balance: (customer: CustomerRef, _args, ctx) => ctx.accounts.field(customer.id, (account) => account.balance),
    openAmount: (customer: CustomerRef, _args, ctx) => ctx.accounts.field(customer.id, (account) => account.openAmount),
    totalPurchases: (customer: CustomerRef, _args, ctx) => ctx.accounts.field(customer.id, (account) => account.totalPurchases),
    salesCount: async (customer: CustomerRef, _args, ctx) => (await ctx.accounts.of(customer.id)).salesCount,
    lastPurchaseDate: async (customer: CustomerRef, _args, ctx) => (await ctx.accounts.of(customer.id)).lastPurchaseDate,
    averagePurchase: (customer: CustomerRef, _args, ctx) => ctx.accounts.averagePurchase(customer.id),
    creditBalance: (customer: CustomerRef, _args, ctx) => ctx.accounts.field(customer.id, (account) => account.creditBalance),
    creditLimit: (customer: CustomerRef, _args, ctx) => ctx.accounts.field(customer.id, (account) => account.creditLimit),
    availableCredit: (customer: CustomerRef, _args, ctx) => ctx.accounts.field(customer.id, (account) => account.availableCredit),
    canPurchase: (customer: CustomerRef, args: { amount: string }, ctx) => ctx.accounts.canPurchase(customer.id, args.amount),
    creditLedger: (customer: CustomerRef, args: Args, ctx) => ctx.accounts.ledger(customer.id, args),
    quotes: (customer: CustomerRef, args: Args, ctx) => ctx.quotes.forCustomer(customer.id, args),
    contracts: (customer: CustomerRef, args: Args, ctx) => ctx.contracts.forCustomer(customer.id, args),
    subscriptions: (customer: CustomerRef, args: Args, ctx) => ctx.subscriptions.forCustomer(customer.id, args),
    arrangements: (customer: CustomerRef, args: Args, ctx) => ctx.arrangements.forCustomer(customer.id, args),
    activeArrangement: (customer: CustomerRef, _args, ctx) => ctx.arrangements.active(customer.id),
    paymentMethods: (customer: CustomerRef, _args, ctx) => ctx.paymentMethods.forCustomer(customer.id),
    autoPay: (customer: CustomerRef, _args, ctx) => ctx.paymentMethods.autoPay(customer.id),
    reminders: (customer: CustomerRef, args: Args, ctx) => ctx.reminders.forCustomer(customer.id, args),
    vouchers: (customer: CustomerRef, _args, ctx) => ctx.vouchers.forCustomer(customer.id),
  },
};
