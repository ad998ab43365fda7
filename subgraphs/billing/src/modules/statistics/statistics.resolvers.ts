import type { Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';

export const statisticsResolvers: Resolvers<BillingContext> = {
  Query: {
    billingStatistics: (_root, _args, ctx) => ctx.statistics.get(),
  },
};
