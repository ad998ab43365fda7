import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import { unallocatedOf, type Payment } from './payment.entity.ts';
import type { PaymentAllocationView, RecordPaymentInput } from './payment.service.ts';

export const paymentResolvers: Resolvers<BillingContext> = {
  Query: {
    payment: (_root, args: { id: string }, ctx) => ctx.payments.get(args.id),
  },
  Mutation: {
    recordPayment: (_root, args: { input: RecordPaymentInput }, ctx) => ctx.payments.record(args.input),
  },
  Payment: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.paymentById.load(ref.id),
    customer: (payment: Payment) => customerRef(payment.customerId),
    amount: (payment: Payment) => money(payment.amount, payment.currency),
    allocations: (payment: Payment, _args, ctx) => ctx.payments.allocations(payment),
    unallocated: (payment: Payment) => money(unallocatedOf(payment), payment.currency),
  },
  PaymentAllocation: {
    invoice: (allocation: PaymentAllocationView, _args, ctx) => ctx.invoices.get(allocation.invoiceId),
  },
};
