import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { RecordCreditEntryInput, SetCreditLimitInput } from './account.service.ts';
import type { CreditLedgerEntry } from './credit-ledger.entity.ts';

export const accountResolvers: Resolvers<BillingContext> = {
  Mutation: {
    recordCreditEntry: (_root, args: { input: RecordCreditEntryInput }, ctx) => ctx.accounts.recordEntry(args.input),
    setCreditLimit: (_root, args: { input: SetCreditLimitInput }, ctx) => ctx.accounts.setCreditLimit(args.input),
  },
  CreditLedgerEntry: {
    customer: (entry: CreditLedgerEntry) => customerRef(entry.customerId),
    amount: (entry: CreditLedgerEntry) => money(entry.amount, entry.currency),
    correctsEntryId: (entry: CreditLedgerEntry) => entry.correctsId,
  },
};
