import type { Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';

export const taxResolvers: Resolvers<BillingContext> = {
  Query: {
    taxProfile: (_root, _args, ctx) => ctx.taxProfiles.get(),
  },
};
