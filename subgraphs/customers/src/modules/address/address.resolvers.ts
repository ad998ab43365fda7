import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { RecordInput } from '../shared/customer-write.ts';
import type { CustomerAddress } from './address.entity.ts';
import { postalAddressOf, type AddAddressInput, type UpdateAddressInput } from './address.service.ts';

export const addressResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    addCustomerAddress: (_root, args: { input: AddAddressInput }, ctx) => ctx.addresses.add(args.input),
    updateCustomerAddress: (_root, args: { input: UpdateAddressInput }, ctx) => ctx.addresses.update(args.input),
    removeCustomerAddress: (_root, args: { input: RecordInput }, ctx) => ctx.addresses.remove(args.input),
  },
  CustomerAddress: {
    customer: (address: CustomerAddress, _args, ctx) => ctx.customers.get(address.customerId),
    address: (address: CustomerAddress) => postalAddressOf(address),
  },
};
