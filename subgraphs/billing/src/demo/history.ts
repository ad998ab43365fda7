import { amount, DemoHistory, type EntityManager } from '@c360/kit';
import { arrangementSettledEvent, invoiceOverdueEvent, quoteExpiredEvent } from '../jobs/collections.jobs.ts';
import { ledgerEntryEvent } from '../modules/account/account.service.ts';
import { CreditLedgerEntry } from '../modules/account/credit-ledger.entity.ts';
import { PaymentArrangement } from '../modules/arrangement/arrangement.entity.ts';
import { arrangementCreatedEvent } from '../modules/arrangement/arrangement.service.ts';
import { Contract } from '../modules/contract/contract.entity.ts';
import { contractCreatedEvent } from '../modules/contract/contract.writer.ts';
import { Invoice } from '../modules/invoice/invoice.entity.ts';
import { invoiceCreatedEvent } from '../modules/invoice/invoice.writer.ts';
import { Payment } from '../modules/payment/payment.entity.ts';
import { paymentReceivedEvent } from '../modules/payment/payment.service.ts';
import { SavedPaymentMethod } from '../modules/payment-method/payment-method.entity.ts';
import { paymentMethodAddedEvent } from '../modules/payment-method/payment-method.service.ts';
import { Quote } from '../modules/quote/quote.entity.ts';
import { quoteCreatedEvent, quoteDecisionEvent } from '../modules/quote/quote.service.ts';
import { Reminder } from '../modules/reminder/reminder.entity.ts';
import { reminderEvent } from '../modules/reminder/reminder.service.ts';
import { Subscription } from '../modules/subscription/subscription.entity.ts';
import { subscriptionStatusEvent } from '../modules/subscription/subscription.service.ts';
import { subscriptionCreatedEvent } from '../modules/subscription/subscription.writer.ts';
import { Voucher } from '../modules/voucher/voucher.entity.ts';
import { voucherEvent } from '../modules/voucher/voucher.service.ts';
import { DAY, type Row } from './rows.ts';
import type { CollectionRows } from './collections.ts';

/** The billing rows one demo seed inserted, as the database returned them. */
export interface InsertedBillingRows extends CollectionRows {
  invoices: Row[];
  payments: Row[];
  quotes: Row[];
  contracts: Row[];
  subscriptions: Row[];
}

/** The morning (06:00 UTC) after a day, when the daily collections pass runs. */
const passAfter = (day: string) => new Date(Date.parse(`${day}T06:00:00Z`) + DAY);

/**
 * The events the demo's billing rows would have produced, built by the same
 * functions as the API and the daily passes, each at the time its row says
 * it happened: invoices issued (and gone overdue), payments, quotes and their
 * decisions, contracts, subscriptions (and their cancellation), ledger
 * entries, arrangements (and how they ended), saved payment methods,
 * reminders (and their sending), vouchers. Only rows this seed inserted count,
 * so a rerun records nothing.
 */
export async function recordDemoHistory(em: EntityManager, tenantId: string, rows: InsertedBillingRows): Promise<void> {
  const history = new DemoHistory(em, 'billing', tenantId);

  for (const invoice of history.entities(Invoice, rows.invoices)) {
    // Issued when it was created; what happened to it since comes in later events.
    history.add(invoiceCreatedEvent({ ...invoice, status: 'ISSUED' }), invoice.issuedAt);
    if (invoice.status === 'OVERDUE') {
      history.add(invoiceOverdueEvent({
        id: invoice.id, customer_id: invoice.customerId, number: invoice.number!, due_date: String(invoice.dueDate),
        outstanding: amount(invoice.total).minus(invoice.paidAmount).toFixed(2),
      }), passAfter(String(invoice.dueDate)));
    }
  }
  // Every demo payment settles an invoice before it falls due: none owed anything overdue.
  for (const payment of history.entities(Payment, rows.payments)) {
    history.add(paymentReceivedEvent(payment, { overdueBalance: '0.00', overdueCleared: false }), payment.receivedAt);
  }

  const contracts = history.entities(Contract, rows.contracts);
  const subscriptions = history.entities(Subscription, rows.subscriptions);
  for (const quote of history.entities(Quote, rows.quotes)) {
    history.add(quoteCreatedEvent(quote), quote.createdAt);
    history.add(quoteDecisionEvent('quote.sent', quote), quote.sentAt);
    if (quote.status === 'ACCEPTED') {
      const contract = contracts.find((candidate) => candidate.quoteId === quote.id);
      const outcome = contract ? { contract, subscriptions: subscriptions.filter((subscription) => subscription.contractId === contract.id) } : {};
      history.add(quoteDecisionEvent('quote.accepted', quote, outcome), quote.decidedAt);
    }
    if (quote.status === 'REFUSED') history.add(quoteDecisionEvent('quote.refused', quote), quote.decidedAt);
    if (quote.status === 'EXPIRED') {
      history.add(quoteExpiredEvent({ id: quote.id, customer_id: quote.customerId, number: quote.number, valid_until: String(quote.validUntil) }), quote.decidedAt);
    }
  }
  for (const contract of contracts) history.add(contractCreatedEvent(contract), contract.createdAt);
  for (const subscription of subscriptions) {
    history.add(subscriptionCreatedEvent({ ...subscription, status: 'ACTIVE' }), subscription.createdAt);
    if (subscription.status === 'CANCELLED') history.add(subscriptionStatusEvent(subscription, 'ACTIVE'), subscription.cancelledAt);
  }

  for (const entry of history.entities(CreditLedgerEntry, rows.ledgerEntries)) history.add(ledgerEntryEvent(entry), entry.createdAt);
  for (const arrangement of history.entities(PaymentArrangement, rows.arrangements)) {
    history.add(arrangementCreatedEvent({ ...arrangement, status: 'OPEN' }), arrangement.createdAt);
    if (arrangement.status === 'COMPLETED' || arrangement.status === 'BROKEN') {
      history.add(arrangementSettledEvent({
        id: arrangement.id, customer_id: arrangement.customerId, status: arrangement.status, amount: amount(arrangement.amount).toFixed(2),
        paid: arrangement.status === 'COMPLETED' ? amount(arrangement.amount).toFixed(2) : '0.00', cutoff_date: String(arrangement.cutoffDate),
      }), arrangement.closedAt);
    }
  }
  for (const method of history.entities(SavedPaymentMethod, rows.paymentMethods)) history.add(paymentMethodAddedEvent(method), method.createdAt);
  for (const reminder of history.entities(Reminder, rows.reminders)) {
    history.add(reminderEvent('reminder.created', reminder), reminder.createdAt);
    history.add(reminderEvent('reminder.sent', reminder), reminder.sentAt);
  }
  for (const voucher of history.entities(Voucher, rows.vouchers)) history.add(voucherEvent('voucher.created', voucher), voucher.createdAt);
  await history.record();
}
