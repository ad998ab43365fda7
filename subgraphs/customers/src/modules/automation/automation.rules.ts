import { AutomationRuleStore } from '@c360/kit';

/** The rules this subgraph applies, where their action lives (a customer's status); billing applies the others. */
export const CUSTOMER_AUTOMATION_RULES = {
  SUSPEND_ON_BROKEN_ARRANGEMENT:
    'When a payment arrangement is broken (its cutoff date passed unpaid), an ACTIVE customer is suspended for NON_PAYMENT; service then disables their ports.',
  REACTIVATE_ON_PAYMENT:
    'When a payment clears the overdue balance of a customer suspended for NON_PAYMENT, the customer is reactivated (and service enables their ports).',
} as const;

export type CustomerAutomationRule = keyof typeof CUSTOMER_AUTOMATION_RULES;

export const customerAutomation = new AutomationRuleStore<CustomerAutomationRule>('customers', CUSTOMER_AUTOMATION_RULES);
