import type { BillingEnv } from './env.ts';
import { CustomersGraphClient, type CustomerDirectory } from './modules/customer/customer-directory.ts';
import { unconfiguredProcessor, type PaymentProcessor } from './modules/payment-method/processor.ts';
import { ReferenceCipher } from './modules/payment-method/reference-cipher.ts';
import { StripeClient } from './modules/payment-method/stripe.client.ts';
import { TaxProfileCache } from './modules/tax/tax-profile.service.ts';

/** What the billing subgraph talks to besides its database, built once per process from its environment. */
export interface BillingRuntime {
  /** The customers subgraph (find or create a customer by phone). */
  directory: CustomerDirectory;
  /** The card processor that auto-pay charges through. */
  processor: PaymentProcessor;
  /** Seals and opens payment-method references. */
  cipher: ReferenceCipher;
  /** The tenants' tax profiles, shared by this process's requests. */
  taxProfiles: TaxProfileCache;
}

export function createRuntime(env: Readonly<BillingEnv>): BillingRuntime {
  return {
    directory: new CustomersGraphClient({ url: env.CUSTOMERS_URL, signingSecret: env.GATEWAY_SIGNING_SECRET, timeoutMs: env.CUSTOMERS_TIMEOUT_MS }),
    processor: env.STRIPE_SECRET_KEY
      ? new StripeClient({ baseUrl: env.STRIPE_API_URL, secretKey: env.STRIPE_SECRET_KEY, timeoutMs: env.PROCESSOR_TIMEOUT_MS })
      : unconfiguredProcessor,
    cipher: new ReferenceCipher(env.PAYMENT_METHOD_KEY),
    taxProfiles: new TaxProfileCache(),
  };
}
