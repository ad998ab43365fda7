import { z } from 'zod';
import { DEV_GATEWAY_SIGNING_SECRET, parseEnv, unsetIfEmpty } from '@c360/kit';

/**
 * Development key that seals payment-method references (32 bytes, base64):
 * deliberately obvious. Production sets PAYMENT_METHOD_KEY (`openssl rand -base64 32`).
 */
export const DEV_PAYMENT_METHOD_KEY = Buffer.from('dev-only-c360-billing-pm-key-32b').toString('base64');

const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(120_000).default(fallback);

/** The billing subgraph's own variables (the kit parses the ones every subgraph reads). */
export const billingEnvSchema = z.object({
  /** The customers subgraph, asked to find or create the customer of an invoice made for a phone number. */
  CUSTOMERS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4001/graphql'),
  /** Signs the caller billing hands to the customers subgraph, as the gateway does. */
  GATEWAY_SIGNING_SECRET: z.string().min(16).default(DEV_GATEWAY_SIGNING_SECRET),
  CUSTOMERS_TIMEOUT_MS: milliseconds(5000),
  /** AES-256 key (32 bytes, base64) that seals payment-method references at rest. */
  PAYMENT_METHOD_KEY: unsetIfEmpty(z
    .string()
    .default(DEV_PAYMENT_METHOD_KEY)
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')),
  /** Stripe's API; a test points it at a local fake. */
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
  /** Unset: auto-pay charges are recorded as failed attempts ("no card processor configured"). */
  STRIPE_SECRET_KEY: unsetIfEmpty(z.string().startsWith('sk_').optional()),
  PROCESSOR_TIMEOUT_MS: milliseconds(15_000),
  /** `false` leaves the scheduled jobs (overdue, expiry, reminders, arrangements, auto-pay) to another replica. */
  BILLING_JOBS: z.stringbool().default(true),
});

export type BillingEnv = z.infer<typeof billingEnvSchema>;

export const loadBillingEnv = (source: NodeJS.ProcessEnv = process.env): Readonly<BillingEnv> => parseEnv(billingEnvSchema, source);
