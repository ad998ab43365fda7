import { AutomationRuleStore, type AutomationRuleView, type Caller, type EntityManager } from '@c360/kit';
import type { ReminderChannel } from '../settings/settings.entity.ts';

/** The rules billing applies, where their data and action live; customers applies the suspension rules. */
export const BILLING_AUTOMATION_RULES = {
  OVERDUE_REMINDER:
    "When an invoice becomes overdue and the customer has no live payment arrangement, its first reminder is created at once, on the rule's channel.",
  CONTRACT_RENEWAL_REMINDER:
    'When an ACTIVE contract comes within `contractNoticeDays` (30 by default) of its end, a renewal reminder is created.',
  CREDIT_LIMIT_ALERT:
    "When a customer's balance reaches 90 % of their credit limit, an alert is raised: once, until the balance drops below again.",
} as const;

export type BillingAutomationRule = keyof typeof BILLING_AUTOMATION_RULES;

export const billingAutomation = new AutomationRuleStore<BillingAutomationRule>('billing', BILLING_AUTOMATION_RULES);

export interface BillingAutomationRuleView extends AutomationRuleView<BillingAutomationRule> {
  channel: ReminderChannel | null;
}

const withChannel = (view: AutomationRuleView<BillingAutomationRule>): BillingAutomationRuleView =>
  ({ ...view, channel: (view.options.channel as ReminderChannel | undefined) ?? null });

/** The tenant's billing rules for the API (`BillingSettings.automationRules`, `setBillingAutomationRule`): the kit's, with the reminder channel. */
export function billingAutomationRules(em: EntityManager, caller: Caller) {
  const rules = billingAutomation.scoped(em, caller);
  return {
    list: async () => (await rules.list()).map(withChannel),
    set: async (input: { rule: BillingAutomationRule; enabled: boolean; channel?: ReminderChannel | null }) =>
      withChannel(await rules.set({ rule: input.rule, enabled: input.enabled, options: input.channel ? { channel: input.channel } : {} })),
  };
}
