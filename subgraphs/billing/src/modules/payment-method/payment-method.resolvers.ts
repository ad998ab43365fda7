import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { ChargeInvoiceInput } from './autopay.service.ts';
import type { PaymentAttemptRow, SavedPaymentMethod } from './payment-method.entity.ts';
import type { AddPaymentMethodInput, UpdatePaymentMethodInput } from './payment-method.service.ts';

export const paymentMethodResolvers: Resolvers<BillingContext> = {
  Mutation: {
    addPaymentMethod: (_root, args: { input: AddPaymentMethodInput }, ctx) => ctx.paymentMethods.add(args.input),
    updatePaymentMethod: (_root, args: { input: UpdatePaymentMethodInput }, ctx) => ctx.paymentMethods.update(args.input),
    removePaymentMethod: (_root, args: { input: { id: string } }, ctx) => ctx.paymentMethods.remove(args.input),
    chargeInvoice: (_root, args: { input: ChargeInvoiceInput }, ctx) => ctx.autoPay.charge(args.input),
  },
  SavedPaymentMethod: {
    customer: (method: SavedPaymentMethod) => customerRef(method.customerId),
    autoPayLimit: (method: SavedPaymentMethod) => (method.autoPayLimit == null ? null : money(method.autoPayLimit, method.currency)),
    processorReference: (method: SavedPaymentMethod, _args, ctx) => ctx.paymentMethods.references(method),
  },
  PaymentAttempt: {
    amount: (attempt: PaymentAttemptRow) => money(attempt.amount, attempt.currency),
    processorReference: (attempt: PaymentAttemptRow) => attempt.processor_reference,
    failureCode: (attempt: PaymentAttemptRow) => attempt.failure_code,
    failureReason: (attempt: PaymentAttemptRow) => attempt.failure_reason,
    attemptedAt: (attempt: PaymentAttemptRow) => attempt.attempted_at,
    paymentMethod: (attempt: PaymentAttemptRow, _args, ctx) => ctx.loaders.paymentMethodById.load(attempt.payment_method_id),
    payment: (attempt: PaymentAttemptRow, _args, ctx) => (attempt.payment_id ? ctx.payments.get(attempt.payment_id) : null),
  },
};
