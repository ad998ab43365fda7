import type { Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import type { ReminderChannel } from '../settings/settings.entity.ts';
import type { BillingAutomationRule } from './automation.rules.ts';

export const automationResolvers: Resolvers<BillingContext> = {
  BillingSettings: {
    automationRules: (_settings, _args, ctx) => ctx.automation.list(),
  },
  Mutation: {
    setBillingAutomationRule: async (_root, args: { input: { rule: BillingAutomationRule; enabled: boolean; channel?: ReminderChannel | null } }, ctx) =>
      ({ rule: await ctx.automation.set(args.input) }),
  },
};
