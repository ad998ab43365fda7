import type { ScaleSession } from '@c360/kit';
import { seedCollections } from './scale/collections.ts';
import { seedDocuments } from './scale/documents.ts';
import { seedInvoices } from './scale/invoices.ts';
import { seedPaymentMethods } from './scale/payment-methods.ts';
import { planCustomers, taxProfile } from './scale/plan.ts';

/**
 * Billing's share of a scale plan: the tenant's tax profile, every customer's
 * billing habits (plan.ts), then the invoices and payments (most of the rows,
 * one bulk load), the catalogue, quotes, contracts and subscriptions,
 * collections (credit, arrangements, reminders, vouchers) and the payment
 * methods on file. One bar per table; a table that already holds its plan is
 * skipped, so a rerun adds nothing.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  const profile = await taxProfile(session);
  await planCustomers(session, profile);
  await seedInvoices(session, profile);
  await seedDocuments(session, profile);
  await seedCollections(session, profile.currency);
  await seedPaymentMethods(session, profile.currency);
  await session.analyze(['billing.quote', 'billing.quote_line', 'billing.contract', 'billing.subscription', 'billing.credit_ledger_entry',
    'billing.payment_arrangement', 'billing.reminder', 'billing.voucher', 'billing.payment_method']);
}
