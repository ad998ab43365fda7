import type { Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import type { UpdateBillingSettingsInput } from './settings.service.ts';

export const settingsResolvers: Resolvers<BillingContext> = {
  Query: {
    billingSettings: (_root, _args, ctx) => ctx.settings.view(),
  },
  Mutation: {
    updateBillingSettings: (_root, args: { input: UpdateBillingSettingsInput }, ctx) => ctx.settings.update(args.input),
  },
};
