import type { Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import type { SetTaxProfileInput } from './tax-profile.service.ts';

export const taxResolvers: Resolvers<BillingContext> = {
  Query: {
    taxProfile: (_root, _args, ctx) => ctx.taxProfiles.get(),
  },
  Mutation: {
    setTaxProfile: (_root, args: { input: SetTaxProfileInput }, ctx) => ctx.taxProfiles.set(args.input),
  },
};
