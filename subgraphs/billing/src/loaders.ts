import type { EntityManager } from '@c360/kit';
import { createBalanceLoaders, type BalanceLoaders } from './modules/balance/balance.loader.ts';
import { createInvoiceLoaders, type InvoiceLoaders } from './modules/invoice/invoice.loader.ts';
import { createPaymentLoaders, type PaymentLoaders } from './modules/payment/payment.loader.ts';

/** Every loader of the billing subgraph, built once per request. */
export type BillingLoaders = InvoiceLoaders & PaymentLoaders & BalanceLoaders;

export function createBillingLoaders(em: EntityManager, tenantId: string): BillingLoaders {
  return { ...createInvoiceLoaders(em, tenantId), ...createPaymentLoaders(em, tenantId), ...createBalanceLoaders(em, tenantId) };
}
