import type { Resolvers, SubgraphDefinition } from '@c360/kit';
import { createContext, type BillingContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { Invoice } from './modules/invoice/invoice.entity.ts';
import { invoiceResolvers } from './modules/invoice/invoice.resolvers.ts';
import { Payment } from './modules/payment/payment.entity.ts';
import { paymentResolvers } from './modules/payment/payment.resolvers.ts';
import { TaxProfile } from './modules/tax/tax-profile.entity.ts';
import { taxResolvers } from './modules/tax/tax.resolvers.ts';
import { customerResolvers } from './modules/customer/customer.resolvers.ts';
import { seedDemo } from './demo.ts';

/** The modules' resolver maps, merged type by type (several modules add to Query and Mutation). */
function mergeResolvers(...maps: Resolvers<BillingContext>[]): Resolvers<BillingContext> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as Resolvers<BillingContext>;
}

export const billingSubgraph: SubgraphDefinition<BillingContext> = {
  name: 'billing',
  sdlPath: new URL('../billing.graphql', import.meta.url),
  resolvers: mergeResolvers(invoiceResolvers, paymentResolvers, taxResolvers, customerResolvers),
  entities: [Invoice, Payment, TaxProfile],
  migrations,
  createContext,
  seedDemo,
  defaultPort: 4002,
};
