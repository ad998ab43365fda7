import type { Resolvers, SubgraphDefinition } from '@c360/kit';
import { contextFactory, type BillingContext } from './context.ts';
import { loadBillingEnv, type BillingEnv } from './env.ts';
import { migrations } from './migrations/index.ts';
import { createRuntime } from './runtime.ts';
import { seedDemo } from './demo.ts';
import { seedScale } from './scale.ts';
import { accountResolvers } from './modules/account/account.resolvers.ts';
import { contractRenewalRule, creditLimitRule, overdueReminderRule } from './modules/automation/automation.consumer.ts';
import { automationResolvers } from './modules/automation/automation.resolvers.ts';
import { CreditLedgerEntry } from './modules/account/credit-ledger.entity.ts';
import { PaymentArrangement } from './modules/arrangement/arrangement.entity.ts';
import { arrangementResolvers } from './modules/arrangement/arrangement.resolvers.ts';
import { Product } from './modules/catalogue/product.entity.ts';
import { productResolvers } from './modules/catalogue/product.resolvers.ts';
import { Contract } from './modules/contract/contract.entity.ts';
import { contractResolvers } from './modules/contract/contract.resolvers.ts';
import { customerMergeConsumer } from './modules/customer/customer-merge.consumer.ts';
import { customerResolvers } from './modules/customer/customer.resolvers.ts';
import { Invoice } from './modules/invoice/invoice.entity.ts';
import { invoiceResolvers } from './modules/invoice/invoice.resolvers.ts';
import { workOrderInvoiceConsumer } from './modules/invoice/work-order.consumer.ts';
import { SavedPaymentMethod } from './modules/payment-method/payment-method.entity.ts';
import { paymentMethodResolvers } from './modules/payment-method/payment-method.resolvers.ts';
import { Payment } from './modules/payment/payment.entity.ts';
import { paymentResolvers } from './modules/payment/payment.resolvers.ts';
import { Quote } from './modules/quote/quote.entity.ts';
import { quoteResolvers } from './modules/quote/quote.resolvers.ts';
import { Reminder } from './modules/reminder/reminder.entity.ts';
import { reminderResolvers } from './modules/reminder/reminder.resolvers.ts';
import { BillingSettings } from './modules/settings/settings.entity.ts';
import { settingsResolvers } from './modules/settings/settings.resolvers.ts';
import { statisticsResolvers } from './modules/statistics/statistics.resolvers.ts';
import { Subscription } from './modules/subscription/subscription.entity.ts';
import { subscriptionResolvers } from './modules/subscription/subscription.resolvers.ts';
import { TaxProfile } from './modules/tax/tax-profile.entity.ts';
import { taxResolvers } from './modules/tax/tax.resolvers.ts';
import { Voucher } from './modules/voucher/voucher.entity.ts';
import { voucherResolvers } from './modules/voucher/voucher.resolvers.ts';

/**
 * The billing subgraph for an environment: where the customers subgraph and the
 * card processor are, and the key of payment-method references. Tests build
 * one pointed at their own customers subgraph and fake processor.
 */
export function createBillingSubgraph(env: Readonly<BillingEnv> = loadBillingEnv()): SubgraphDefinition<BillingContext> {
  return {
    name: 'billing',
    sdlPath: new URL('../billing.graphql', import.meta.url),
    resolvers: [
      invoiceResolvers, paymentResolvers, taxResolvers, customerResolvers, accountResolvers, productResolvers, settingsResolvers,
      quoteResolvers, contractResolvers, subscriptionResolvers, arrangementResolvers, paymentMethodResolvers, reminderResolvers,
      voucherResolvers, statisticsResolvers, automationResolvers,
    ],
    entities: [
      Invoice, Payment, TaxProfile, BillingSettings, Product, Quote, Contract, Subscription, CreditLedgerEntry, PaymentArrangement,
      SavedPaymentMethod, Reminder, Voucher,
    ],
    migrations,
    createContext: contextFactory(createRuntime(env)),
    consumers: [customerMergeConsumer, workOrderInvoiceConsumer, overdueReminderRule, contractRenewalRule, creditLimitRule],
    seedDemo,
    seedScale,
    defaultPort: 4002,
  };
}

export const billingSubgraph = createBillingSubgraph();

export { loadBillingEnv };
/** For tests that run the scheduled jobs' methods directly on billing's database. */
export { BillingJobs } from './jobs/collections.jobs.ts';
export { createRuntime } from './runtime.ts';
