import {
  automationCause, customerIdOf, recordEvents, type ConsumerDefinition, type EntityManager, type EventEnvelope,
} from '@c360/kit';
import { customerMoney } from '../account/account.loader.ts';
import { moneyOf } from '../account/account.service.ts';
import { reminderEvent } from '../reminder/reminder.service.ts';
import { Reminder } from '../reminder/reminder.entity.ts';
import { DEFAULT_BILLING_SETTINGS } from '../settings/settings.entity.ts';
import { billingAutomation, type BillingAutomationRule } from './automation.rules.ts';

/** A balance at or above this share of the credit limit raises the alert. */
const CREDIT_ALERT_SHARE = '0.9';

/** Writes a rule's reminder (once: the automatic reminders' unique index), its event and the action record. */
async function remind(em: EntityManager, rule: BillingAutomationRule, event: EventEnvelope, insert: { sql: string; params: unknown[] }): Promise<void> {
  const [row] = await em.execute<Record<string, unknown>[]>(insert.sql, insert.params);
  if (!row) return;
  const reminder = em.map(Reminder, row);
  const created = reminderEvent('reminder.created', reminder);
  await recordEvents(em, 'billing', event.tenantid, [{ ...created, data: { ...created.data, automation: automationCause(rule, event) } }]);
  await billingAutomation.recordAction(em, rule, event, reminder.customerId, 'REMINDER_CREATED', `reminder ${reminder.id} (${reminder.kind}, ${reminder.channel})`);
}

/** OVERDUE_REMINDER: `invoice.overdue` with no live arrangement → the invoice's first reminder now, on the rule's channel. */
export const overdueReminderRule: ConsumerDefinition = {
  name: 'automation-overdue-reminder',
  types: ['invoice.overdue'],
  async handle(em, event) {
    const options = await billingAutomation.enabled(em, event.tenantid, 'OVERDUE_REMINDER');
    const invoiceId = String(event.data.invoiceId ?? event.subject);
    if (!options) return;
    await remind(em, 'OVERDUE_REMINDER', event, {
      sql: `INSERT INTO billing.reminder (id, tenant_id, customer_id, kind, invoice_id, level, channel, status, subject, scheduled_on, penalty, currency, automatic, created_by)
        SELECT gen_random_uuid(), i.tenant_id, i.customer_id, 'PAYMENT', i.id, 1, coalesce(?, s.reminder_schedule->0->>'channel', ?), 'PENDING',
          'Invoice ' || i.number || ': overdue', current_date, coalesce(s.late_fee, 0) + round((i.total - i.paid_amount) * coalesce(s.late_interest_rate, 0), 2),
          i.currency, true, ?
        FROM billing.invoice i LEFT JOIN billing.settings s ON s.tenant_id = i.tenant_id
        WHERE i.tenant_id = ? AND i.id = ?::uuid AND i.status = 'OVERDUE'
          AND NOT EXISTS (SELECT 1 FROM billing.payment_arrangement a WHERE a.tenant_id = i.tenant_id AND a.customer_id = i.customer_id AND a.status IN ('PENDING', 'OPEN'))
        ON CONFLICT (invoice_id, level) WHERE automatic AND invoice_id IS NOT NULL DO NOTHING
        RETURNING *`,
      params: [options.channel ?? null, DEFAULT_BILLING_SETTINGS.reminderSchedule[0]!.channel, 'automation:OVERDUE_REMINDER', event.tenantid, invoiceId],
    });
  },
};

/** CONTRACT_RENEWAL_REMINDER: `contract.ending_soon` (the daily pass) → a renewal reminder for the contract. */
export const contractRenewalRule: ConsumerDefinition = {
  name: 'automation-contract-renewal-reminder',
  types: ['contract.ending_soon'],
  async handle(em, event) {
    const options = await billingAutomation.enabled(em, event.tenantid, 'CONTRACT_RENEWAL_REMINDER');
    if (!options) return;
    await remind(em, 'CONTRACT_RENEWAL_REMINDER', event, {
      sql: `INSERT INTO billing.reminder (id, tenant_id, customer_id, kind, contract_id, level, channel, status, subject, scheduled_on, penalty, currency, automatic, created_by)
        SELECT gen_random_uuid(), c.tenant_id, c.customer_id, 'CONTRACT_END', c.id, 1, coalesce(?, 'EMAIL'), 'PENDING',
          'Contract ' || c.number || ' ends on ' || c.end_date || ': time to renew', current_date, 0, c.currency, true, ?
        FROM billing.contract c WHERE c.tenant_id = ? AND c.id = ?::uuid AND c.status = 'ACTIVE'
        ON CONFLICT (contract_id, level) WHERE automatic AND contract_id IS NOT NULL DO NOTHING
        RETURNING *`,
      params: [options.channel ?? null, 'automation:CONTRACT_RENEWAL_REMINDER', event.tenantid, String(event.data.contractId ?? event.subject)],
    });
  },
};

/**
 * CREDIT_LIMIT_ALERT: after anything that moves a balance or a limit, a
 * customer at 90 % or more of a credit limit is alerted (`credit_limit.alert_raised`)
 * unless an alert is already open; below it, the open alert is closed so that
 * the next crossing alerts again.
 */
export const creditLimitRule: ConsumerDefinition = {
  name: 'automation-credit-limit-alert',
  types: ['invoice.created', 'invoice.issued', 'invoice.voided', 'payment.received', 'credit_ledger.entry_recorded', 'customer_account.credit_limit_changed'],
  async handle(em, event) {
    const customerId = customerIdOf(event);
    if (!customerId) return;
    const account = moneyOf((await customerMoney(em, event.tenantid, [customerId]))[0] ?? null);
    const reached = account.creditLimit.greaterThan(0) && account.balance.greaterThanOrEqualTo(account.creditLimit.times(CREDIT_ALERT_SHARE));
    if (!reached) {
      await em.execute('DELETE FROM billing.credit_limit_alert WHERE tenant_id = ? AND customer_id = ?', [event.tenantid, customerId]);
      return;
    }
    if (!(await billingAutomation.enabled(em, event.tenantid, 'CREDIT_LIMIT_ALERT'))) return;
    const raised = await em.execute(
      `INSERT INTO billing.credit_limit_alert (tenant_id, customer_id, balance, credit_limit) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id, customer_id) DO NOTHING RETURNING customer_id`,
      [event.tenantid, customerId, account.balance.toFixed(2), account.creditLimit.toFixed(2)]);
    if ((raised as unknown[]).length === 0) return;
    const usedPercent = account.balance.dividedBy(account.creditLimit).times(100).toFixed(1);
    await recordEvents(em, 'billing', event.tenantid, [{
      type: 'credit_limit.alert_raised',
      subject: customerId,
      data: {
        customerId, balance: account.balance.toFixed(2), creditLimit: account.creditLimit.toFixed(2), usedPercent, currency: account.currency,
        automation: automationCause('CREDIT_LIMIT_ALERT', event),
      },
    }]);
    await billingAutomation.recordAction(em, 'CREDIT_LIMIT_ALERT', event, customerId, 'ALERT_RAISED', `balance ${account.balance.toFixed(2)} is ${usedPercent} % of the credit limit ${account.creditLimit.toFixed(2)}`);
  },
};
