import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { UpdateTenantSettingsInput } from './tenant.service.ts';

export const tenantResolvers: Resolvers<CustomersContext> = {
  Query: {
    tenantSettings: (_root, _args, ctx) => ctx.settings.get(),
  },
  Mutation: {
    updateTenantSettings: (_root, args: { input: UpdateTenantSettingsInput }, ctx) => ctx.settings.update(ctx.caller, args.input),
  },
};
