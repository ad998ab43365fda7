import type { ConsumerDefinition } from '@c360/kit';
import type { WorkOrderTaxRate } from './work-order.pricing.ts';
import { upsertProfile } from './work-order.profile.ts';

/**
 * Billing owns the tenant's currency and taxes (`setTaxProfile` writes
 * `tax_profile.updated`, data `{ currency, taxes: [{ code, name, rate }] }`);
 * support prices new work orders with the same ones, so that the invoice billing
 * makes from a completed work order has the work order's total. The labour rate
 * is support's own and stays. The bus hands events over in order, so the last
 * profile set is the one kept.
 */
export const billingTaxProfileConsumer: ConsumerDefinition = {
  name: 'support-tax-profile',
  types: ['tax_profile.updated'],
  async handle(em, event) {
    const profile = taxProfileOf(event.data);
    if (!profile) {
      // Skipped, not retried: retrying cannot make the data valid, and would hold up every later event.
      console.error(`[support] tax_profile.updated ${event.id} ignored: data must be { currency, taxes: [{ code, name, rate }] }`);
      return;
    }
    await upsertProfile(em, event.tenantid, profile);
  },
};

/** A rate as billing stores it: a decimal fraction below 1 (`0.09975` is 9.975 %). */
const RATE = /^0(\.\d{1,6})?$/;

function taxProfileOf(data: unknown): { currency: string; taxes: WorkOrderTaxRate[] } | null {
  const { currency, taxes } = (data ?? {}) as { currency?: unknown; taxes?: unknown };
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency) || !Array.isArray(taxes)) return null;
  const rates = taxes.map((tax: { code?: unknown; name?: unknown; rate?: unknown }) => (
    typeof tax?.code === 'string' && typeof tax.name === 'string' && typeof tax.rate === 'string' && RATE.test(tax.rate)
      ? { code: tax.code, name: tax.name, rate: tax.rate } : null));
  return rates.every((rate) => rate !== null) ? { currency, taxes: rates } : null;
}
