import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { amount, tenantFilter, type Amount } from '@c360/kit';

export const PAYMENT_METHODS = ['CARD', 'BANK_TRANSFER', 'CASH', 'CHEQUE', 'DIRECT_DEBIT'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * Money received from a customer. `allocatedAmount` is the sum of its rows in
 * `payment_allocation`, written in the same transaction; the rest is credit.
 */
export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    customerId: p.uuid(),
    amount: p.decimal(),
    currency: p.string(),
    method: p.enum([...PAYMENT_METHODS]),
    reference: p.string().nullable(),
    receivedAt: p.datetime(),
    allocatedAmount: p.decimal().default('0'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Payment = InferEntity<typeof Payment>;

export const unallocatedOf = (payment: Pick<Payment, 'amount' | 'allocatedAmount'>): Amount => amount(payment.amount).minus(payment.allocatedAmount);

/** A `payment_allocation` row as read by the batched loader. */
export type PaymentAllocationRow = {
  payment_id: string;
  invoice_id: string;
  amount: string;
};
