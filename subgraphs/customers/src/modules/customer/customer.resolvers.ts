import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { Customer } from './customer.entity.ts';
import type { UpsertCustomerInput } from './customer.service.ts';

export const customerResolvers: Resolvers<CustomersContext> = {
  Query: {
    customer: (_root, args: { id: string }, ctx) => ctx.customers.get(args.id),
    customers: (_root, args: { first?: number; after?: string; search?: string }, ctx) => ctx.customers.list(args),
    customerByPhone: (_root, args: { phone: string }, ctx) => ctx.customers.byPhone(args.phone),
  },
  Mutation: {
    upsertCustomer: (_root, args: { input: UpsertCustomerInput }, ctx) => ctx.customers.upsert(args.input),
  },
  Customer: {
    __resolveReference: (ref: { id: string }, ctx: CustomersContext) => ctx.loaders.customerById.load(ref.id),
    phoneAsTyped: (customer: Customer) => customer.phoneRaw,
  },
};
