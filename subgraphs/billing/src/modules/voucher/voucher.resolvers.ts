import { amount, money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { Voucher } from './voucher.entity.ts';
import type { CreateVoucherInput } from './voucher.service.ts';

export const voucherResolvers: Resolvers<BillingContext> = {
  Query: {
    voucher: (_root, args: { code: string }, ctx) => ctx.vouchers.byCode(args.code),
  },
  Mutation: {
    createVoucher: (_root, args: { input: CreateVoucherInput }, ctx) => ctx.vouchers.create(args.input),
    attachVoucher: (_root, args: { input: { code: string; customerId: string } }, ctx) => ctx.vouchers.attach(args.input),
    detachVoucher: (_root, args: { input: { code: string } }, ctx) => ctx.vouchers.attach({ code: args.input.code, customerId: null }),
    applyVoucher: (_root, args: { input: { invoiceId: string; code: string } }, ctx) => ctx.vouchers.apply(args.input),
  },
  Voucher: {
    amount: (voucher: Voucher) => (voucher.amount == null ? null : money(voucher.amount, voucher.currency)),
    percent: (voucher: Voucher) => (voucher.percent == null ? null : amount(voucher.percent).toFixed()),
    customer: (voucher: Voucher) => (voucher.customerId ? customerRef(voucher.customerId) : null),
    state: (voucher: Voucher, _args, ctx) => ctx.vouchers.state(voucher),
    redeemedOn: async (voucher: Voucher, _args, ctx) => ctx.vouchers.redeemedOn(voucher).then((id) => (id ? ctx.invoices.get(id) : null)),
  },
};
