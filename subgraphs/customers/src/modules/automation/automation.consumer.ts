import {
  DomainError, automationCaller, automationCause, customerIdOf, type ConsumerDefinition, type EntityManager, type EventEnvelope,
} from '@c360/kit';
import { createContext } from '../../context.ts';
import { customerAutomation, type CustomerAutomationRule } from './automation.rules.ts';

/**
 * Runs one rule on one event, as the rule's own caller, in the consumer's
 * transaction (so the change, its events and the action record commit with
 * the event's processing, once). A domain refusal (the customer changed
 * meanwhile) means there is nothing to do; anything else is retried.
 */
async function applyRule(
  em: EntityManager, event: EventEnvelope, rule: CustomerAutomationRule,
  act: (ctx: ReturnType<typeof createContext>, customerId: string) => Promise<{ action: string; detail: string } | null>,
): Promise<void> {
  const customerId = customerIdOf(event);
  if (!customerId || !(await customerAutomation.enabled(em, event.tenantid, rule))) return;
  const ctx = createContext({ caller: automationCaller(event.tenantid, rule), tenantId: event.tenantid, em });
  try {
    const done = await act(ctx, customerId);
    if (done) await customerAutomation.recordAction(em, rule, event, customerId, done.action, done.detail);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

/** SUSPEND_ON_BROKEN_ARRANGEMENT: billing broke the arrangement (cutoff passed unpaid) → suspend the ACTIVE customer. */
export const suspendOnBrokenArrangement: ConsumerDefinition = {
  name: 'automation-suspend-on-broken-arrangement',
  types: ['arrangement.broken'],
  handle: (em, event) => applyRule(em, event, 'SUSPEND_ON_BROKEN_ARRANGEMENT', async (ctx, customerId) => {
    const customer = await ctx.customers.get(customerId);
    if (customer?.status !== 'ACTIVE') return null;
    const { arrangementId, cutoffDate } = event.data as { arrangementId?: string; cutoffDate?: string };
    const note = `Automation: payment arrangement ${arrangementId ?? event.subject} broken${cutoffDate ? ` (cutoff ${cutoffDate} passed unpaid)` : ''}`;
    const { suspension } = await ctx.status.suspend({ customerId, reason: 'NON_PAYMENT', note, automation: automationCause('SUSPEND_ON_BROKEN_ARRANGEMENT', event) });
    return { action: 'SUSPENDED', detail: `${note}; suspension ${suspension.id}` };
  }),
};

/** REACTIVATE_ON_PAYMENT: a payment cleared the overdue balance (billing says so) → reactivate a customer suspended for NON_PAYMENT. */
export const reactivateOnPayment: ConsumerDefinition = {
  name: 'automation-reactivate-on-payment',
  types: ['payment.received'],
  handle: (em, event) => applyRule(em, event, 'REACTIVATE_ON_PAYMENT', async (ctx, customerId) => {
    if (event.data.overdueCleared !== true) return null;
    const suspension = await ctx.status.current(customerId);
    if (suspension?.reason !== 'NON_PAYMENT') return null;
    const note = `Automation: payment ${String(event.data.paymentId ?? event.subject)} cleared the overdue balance`;
    await ctx.status.reactivate({ customerId, note, automation: automationCause('REACTIVATE_ON_PAYMENT', event) });
    return { action: 'REACTIVATED', detail: note };
  }),
};
