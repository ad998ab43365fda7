import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { Contract } from './contract.entity.ts';
import type { ChangeContractStatusInput, CreateContractInput } from './contract.service.ts';

export const contractResolvers: Resolvers<BillingContext> = {
  Query: {
    contract: (_root, args: { id: string }, ctx) => ctx.contracts.get(args.id),
  },
  Mutation: {
    createContract: (_root, args: { input: CreateContractInput }, ctx) => ctx.contracts.create(args.input),
    changeContractStatus: (_root, args: { input: ChangeContractStatusInput }, ctx) => ctx.contracts.changeStatus(args.input),
  },
  Contract: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.contractById.load(ref.id),
    customer: (contract: Contract) => customerRef(contract.customerId),
    amount: (contract: Contract) => money(contract.amount, contract.currency),
    quote: (contract: Contract, _args, ctx) => (contract.quoteId ? ctx.quotes.get(contract.quoteId) : null),
    subscriptions: (contract: Contract, _args, ctx) => ctx.subscriptions.ofContract(contract.id),
  },
};
