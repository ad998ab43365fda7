import { amount, type Amount } from '@c360/kit';

/** One charge of a saved payment method, off session (the customer is not there). */
export interface ChargeRequest {
  amount: Amount;
  currency: string;
  /** The processor's customer (Stripe `cus_...`), when the method belongs to one. */
  customerReference: string | null;
  /** The processor's payment method (Stripe `pm_...`). */
  methodReference: string;
  /** The same key for a retry of the same attempt: the processor charges once. */
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export type ChargeResult =
  | { ok: true; reference: string }
  | { ok: false; code: string; reason: string; reference: string | null };

/** A card or bank-debit processor. Implementations never throw for a refused charge: they say why. */
export interface PaymentProcessor {
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

/** Where no processor is configured: every charge is refused with a reason that says so. */
export const unconfiguredProcessor: PaymentProcessor = {
  charge: async () => ({ ok: false, code: 'not_configured', reason: 'no card processor is configured (STRIPE_SECRET_KEY)', reference: null }),
};

/** Amount in the currency's minor unit (cents): the processors' unit. Our currencies all have two decimals. */
export const minorUnits = (value: Amount): number => amount(value).times(100).toDecimalPlaces(0).toNumber();
