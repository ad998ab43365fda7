import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { CustomerAutomationRule } from './automation.rules.ts';

export const automationResolvers: Resolvers<CustomersContext> = {
  TenantSettings: {
    automationRules: (_settings, _args, ctx) => ctx.automation.list(),
  },
  Mutation: {
    setCustomerAutomationRule: async (_root, args: { input: { rule: CustomerAutomationRule; enabled: boolean } }, ctx) => ({ rule: await ctx.automation.set(args.input) }),
  },
};
