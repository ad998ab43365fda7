import type { Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import type { ServiceLocation } from './location.entity.ts';
import { addressOf, type CreateServiceLocationInput } from './location.service.ts';
import type { AddressInput } from './address.ts';

export const locationResolvers: Resolvers<ServiceContext> = {
  Query: {
    serviceLocation: (_root, args: { id: string }, ctx) => ctx.locations.get(args.id),
    serviceLocationsAtAddress: (_root, args: { address: AddressInput }, ctx) => ctx.locations.atAddress(args.address),
  },
  Mutation: {
    createServiceLocation: (_root, args: { input: CreateServiceLocationInput }, ctx) => ctx.locations.create(args.input),
  },
  Customer: {
    // The customers subgraph owns the customer; this one only adds fields keyed by its id.
    __resolveReference: (ref: { id: string }) => ref,
    locations: (customer: { id: string }, _args, ctx) => ctx.locations.ofCustomer(customer.id),
  },
  ServiceLocation: {
    __resolveReference: (ref: { id: string }, ctx: ServiceContext) => ctx.loaders.locationById.load(ref.id),
    customer: (location: ServiceLocation) => ({ __typename: 'Customer', id: location.customerId }),
    address: (location: ServiceLocation) => addressOf(location),
  },
};
