import { z } from 'zod';
import type { ConsumerDefinition } from '@c360/kit';
import { upsertProfile } from './work-order.profile.ts';

/** The event's data; a rate is as billing stores it, a decimal fraction below 1 (`0.09975` is 9.975 %). */
const TAX_PROFILE_EVENT = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxes: z.array(z.object({ code: z.string(), name: z.string(), rate: z.string().regex(/^0(\.\d{1,6})?$/) })),
});

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
    const profile = TAX_PROFILE_EVENT.safeParse(event.data);
    if (!profile.success) {
      // Skipped, not retried: retrying cannot make the data valid, and would hold up every later event.
      console.error(`[support] tax_profile.updated ${event.id} ignored: data must be { currency, taxes: [{ code, name, rate }] }`);
      return;
    }
    await upsertProfile(em, event.tenantid, profile.data);
  },
};
