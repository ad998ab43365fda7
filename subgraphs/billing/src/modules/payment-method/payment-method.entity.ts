import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const PAYMENT_METHOD_KINDS = ['CARD', 'BANK_DEBIT', 'PROCESSOR_PROFILE'] as const;
export type PaymentMethodKind = (typeof PAYMENT_METHOD_KINDS)[number];

export const PAYMENT_PROCESSORS = ['STRIPE', 'PAYSAFE', 'BANK'] as const;
export type PaymentProcessorName = (typeof PAYMENT_PROCESSORS)[number];

/**
 * A way a customer pays that is kept on file. Only what the processor gave us
 * is stored: its references (sealed, `reference_sealed`, never mapped here) and
 * a masked number for display. No card or account number ever.
 */
export const SavedPaymentMethod = defineEntity({
  name: 'SavedPaymentMethod',
  tableName: 'payment_method',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    kind: p.enum([...PAYMENT_METHOD_KINDS]),
    processor: p.enum([...PAYMENT_PROCESSORS]),
    label: p.string(),
    maskedNumber: p.string().nullable(),
    expiry: p.string().nullable(),
    autoPay: p.boolean(),
    autoPayLimit: p.decimal().nullable(),
    currency: p.string(),
    active: p.boolean(),
    keyId: p.string(),
    ...changeTracking(),
  },
});

export type SavedPaymentMethod = InferEntity<typeof SavedPaymentMethod>;

/** The columns of a payment method other than its sealed references. */
export const PAYMENT_METHOD_COLUMNS = `id, tenant_id, external_id, customer_id, kind, processor, label, masked_number, expiry, auto_pay, auto_pay_limit,
  currency, active, key_id, created_at, updated_at, version`;

export const PAYMENT_ATTEMPT_STATUSES = ['SUCCEEDED', 'FAILED'] as const;

/** A `payment_attempt` row: one charge of an invoice through a processor. */
export type PaymentAttemptRow = {
  id: string;
  invoice_id: string;
  payment_method_id: string;
  amount: string;
  currency: string;
  status: (typeof PAYMENT_ATTEMPT_STATUSES)[number];
  processor_reference: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  payment_id: string | null;
  attempted_at: Date;
};
