import type { PageArgs, Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';

export const testDataResolvers: Resolvers<CustomersContext> = {
  Query: {
    testDataCandidates: (_root, args: PageArgs, ctx) => ctx.testData.candidates(args),
  },
  Mutation: {
    deleteTestCustomers: (_root, args: { input: { ids: string[] } }, ctx) => ctx.testData.delete(args.input),
  },
};
