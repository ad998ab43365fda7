import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { StatusChangeInput, SuspendCustomerInput } from './status.service.ts';

export const statusResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    suspendCustomer: (_root, args: { input: SuspendCustomerInput }, ctx) => ctx.status.suspend(args.input),
    reactivateCustomer: (_root, args: { input: StatusChangeInput }, ctx) => ctx.status.reactivate(args.input),
    deactivateCustomer: (_root, args: { input: StatusChangeInput }, ctx) => ctx.status.deactivate(args.input),
  },
};
