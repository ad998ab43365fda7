import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { MergeMove } from './merge.plan.ts';
import type { MergeCustomersInput } from './merge.service.ts';

export const mergeResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    mergeCustomers: (_root, args: { input: MergeCustomersInput }, ctx) => ctx.merges.merge(args.input),
  },
  MergeMove: {
    count: (move: MergeMove) => move.ids.length,
  },
};
