import { selectsField, type Resolvers, type PageArgs } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import type { ServiceLocation } from './location.entity.ts';
import type { AddressHistoryEntry } from './address-history.entity.ts';
import { addressOf } from './address.ts';
import { type AddressInput } from '@c360/kit';
import {
  networkAttachmentOf,
  type CreateServiceLocationInput, type InstallServiceLocationInput, type SetNetworkAttachmentInput, type UpdateServiceLocationAddressInput,
} from './location.service.ts';

/** A reference to a customer, owned by the customers subgraph. */
export const customerRef = (id: string) => ({ __typename: 'Customer', id });

export const locationResolvers: Resolvers<ServiceContext> = {
  Query: {
    serviceLocation: (_root, args: { id: string }, ctx) => ctx.locations.get(args.id),
    serviceLocationsAtAddress: (_root, args: { address: AddressInput }, ctx) => ctx.locations.atAddress(args.address),
    serviceLocationsOnOltPort: (_root, args: { oltName: string; oltPort: string }, ctx) => ctx.locations.onOltPort(args.oltName, args.oltPort),
  },
  Mutation: {
    createServiceLocation: (_root, args: { input: CreateServiceLocationInput }, ctx) => ctx.locations.create(args.input),
    updateServiceLocationAddress: (_root, args: { input: UpdateServiceLocationAddressInput }, ctx) => ctx.locations.updateAddress(args.input),
    setNetworkAttachment: (_root, args: { input: SetNetworkAttachmentInput }, ctx) => ctx.locations.setNetworkAttachment(args.input),
    installServiceLocation: (_root, args: { input: InstallServiceLocationInput }, ctx) => ctx.locations.install(args.input),
    disconnectServiceLocation: (_root, args: { input: { locationId: string; version: number } }, ctx) => ctx.locations.disconnect(args.input),
  },
  Customer: {
    // The customers subgraph owns the customer; this one only adds fields keyed by its id.
    __resolveReference: (ref: { id: string }) => ref,
    locations: (customer: { id: string }, _args, ctx, info) => ctx.locations.ofCustomer(customer.id, selectsField(info, 'equipment')),
    addressHistory: (customer: { id: string }, args: PageArgs, ctx) => ctx.locations.customerAddressHistory(customer.id, args),
  },
  ServiceLocation: {
    __resolveReference: (ref: { id: string }, ctx: ServiceContext) => ctx.loaders.locationById.load(ref.id),
    customer: (location: ServiceLocation) => customerRef(location.customerId),
    address: (location: ServiceLocation) => addressOf(location),
    networkAttachment: (location: ServiceLocation) => networkAttachmentOf(location),
    addressHistory: (location: ServiceLocation, args: PageArgs, ctx) => ctx.locations.addressHistory(location, args),
  },
  AddressHistoryEntry: {
    address: (entry: AddressHistoryEntry) => addressOf(entry),
    customer: (entry: AddressHistoryEntry) => customerRef(entry.customerId),
    location: (entry: AddressHistoryEntry, _args, ctx) => (entry.locationId ? ctx.loaders.locationById.load(entry.locationId) : null),
  },
};
