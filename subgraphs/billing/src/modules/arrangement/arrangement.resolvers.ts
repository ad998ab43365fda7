import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { PaymentArrangement } from './arrangement.entity.ts';
import type { CreateArrangementInput, UpdateArrangementInput } from './arrangement.service.ts';

export const arrangementResolvers: Resolvers<BillingContext> = {
  Query: {
    paymentArrangement: (_root, args: { id: string }, ctx) => ctx.arrangements.get(args.id),
  },
  Mutation: {
    createPaymentArrangement: (_root, args: { input: CreateArrangementInput }, ctx) => ctx.arrangements.create(args.input),
    updatePaymentArrangement: (_root, args: { input: UpdateArrangementInput }, ctx) => ctx.arrangements.update(args.input),
  },
  PaymentArrangement: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.arrangementById.load(ref.id),
    customer: (arrangement: PaymentArrangement) => customerRef(arrangement.customerId),
    amount: (arrangement: PaymentArrangement) => money(arrangement.amount, arrangement.currency),
    daysToCutoff: (arrangement: PaymentArrangement, _args, ctx) => ctx.arrangements.daysToCutoff(arrangement),
  },
};
