import type { EntityManager } from '@c360/kit';
import { createAccountLoaders, type AccountLoaders } from './modules/account/account.loader.ts';
import { createArrangementLoaders, type ArrangementLoaders } from './modules/arrangement/arrangement.loader.ts';
import { createCatalogueLoaders, type CatalogueLoaders } from './modules/catalogue/product.loader.ts';
import { createContractLoaders, type ContractLoaders } from './modules/contract/contract.loader.ts';
import { createInvoiceLoaders, type InvoiceLoaders } from './modules/invoice/invoice.loader.ts';
import { createPaymentMethodLoaders, type PaymentMethodLoaders } from './modules/payment-method/payment-method.loader.ts';
import { createPaymentLoaders, type PaymentLoaders } from './modules/payment/payment.loader.ts';
import { createQuoteLoaders, type QuoteLoaders } from './modules/quote/quote.loader.ts';
import { createReminderLoaders, type ReminderLoaders } from './modules/reminder/reminder.loader.ts';
import { createSubscriptionLoaders, type SubscriptionLoaders } from './modules/subscription/subscription.loader.ts';
import { createVoucherLoaders, type VoucherLoaders } from './modules/voucher/voucher.loader.ts';

/** Every loader of the billing subgraph, built once per request. */
export type BillingLoaders = InvoiceLoaders & PaymentLoaders & AccountLoaders & CatalogueLoaders & QuoteLoaders & ContractLoaders
  & SubscriptionLoaders & ArrangementLoaders & PaymentMethodLoaders & ReminderLoaders & VoucherLoaders;

export function createBillingLoaders(em: EntityManager, tenantId: string): BillingLoaders {
  return {
    ...createInvoiceLoaders(em, tenantId),
    ...createPaymentLoaders(em, tenantId),
    ...createAccountLoaders(em, tenantId),
    ...createCatalogueLoaders(em),
    ...createQuoteLoaders(em, tenantId),
    ...createContractLoaders(em, tenantId),
    ...createSubscriptionLoaders(em, tenantId),
    ...createArrangementLoaders(em, tenantId),
    ...createPaymentMethodLoaders(em, tenantId),
    ...createReminderLoaders(em, tenantId),
    ...createVoucherLoaders(em, tenantId),
  };
}
