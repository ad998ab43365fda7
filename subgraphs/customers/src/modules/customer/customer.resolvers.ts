import { money, type PageArgs, type Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { Customer } from './customer.entity.ts';
import type { CustomerFilter, CustomerSort } from './customer.list.ts';
import type { CreateCustomerInput, UpdateCustomerInput, UpsertCustomerInput } from './customer.service.ts';
import type { AddressType } from '../address/address.entity.ts';
import type { ChangeArgs } from '../history/history.service.ts';

export const customerResolvers: Resolvers<CustomersContext> = {
  Query: {
    customer: (_root, args: { id: string }, ctx) => ctx.customers.get(args.id),
    customers: (_root, args: PageArgs & { search?: string; filter?: CustomerFilter; sort?: CustomerSort }, ctx) => ctx.customers.list(args),
    customerByPhone: (_root, args: { phone: string }, ctx) => ctx.customers.byPhone(args.phone),
    customerByExternalId: (_root, args: { externalId: string }, ctx) => ctx.customers.byExternalId(args.externalId),
    customerStatistics: (_root, _args, ctx) => ctx.statistics.get(),
    customerHistory: (_root, args: ChangeArgs & { customerId: string }, ctx) => ctx.history.ofCustomerId(args.customerId, args),
  },
  Mutation: {
    upsertCustomer: (_root, args: { input: UpsertCustomerInput }, ctx) => ctx.customers.upsert(args.input),
    createCustomer: (_root, args: { input: CreateCustomerInput }, ctx) => ctx.customers.create(args.input),
    updateCustomer: (_root, args: { input: UpdateCustomerInput }, ctx) => ctx.customers.update(args.input),
  },
  Customer: {
    __resolveReference: (ref: { id: string }, ctx: CustomersContext) => ctx.loaders.customerById.load(ref.id),
    phoneAsTyped: (customer: Customer) => customer.phoneRaw,
    mobileAsTyped: (customer: Customer) => customer.mobileRaw,
    group: (customer: Customer) => customer.customerGroup,
    annualRevenue: (customer: Customer) => (customer.annualRevenue != null ? money(customer.annualRevenue, customer.annualRevenueCurrency!) : null),
    mergedInto: (customer: Customer, _args, ctx) => (customer.mergedIntoId ? ctx.customers.get(customer.mergedIntoId) : null),
    currentSuspension: (customer: Customer, _args, ctx) => ctx.status.current(customer.id),
    suspensions: (customer: Customer, _args, ctx) => ctx.status.history(customer.id),
    contacts: (customer: Customer, _args, ctx) => ctx.contacts.ofCustomer(customer.id),
    principalContact: (customer: Customer, _args, ctx) => ctx.contacts.principalOf(customer.id),
    addresses: (customer: Customer, args: { type?: AddressType }, ctx) => ctx.addresses.ofCustomer(customer.id, args.type),
    defaultAddress: (customer: Customer, args: { type: AddressType }, ctx) => ctx.addresses.defaultOf(customer.id, args.type),
    partners: (customer: Customer, _args, ctx) => ctx.partners.ofCustomer(customer.id),
    lifeEvents: (customer: Customer, args: PageArgs, ctx) => ctx.lifeEvents.forCustomer(customer.id, args),
    emails: (customer: Customer, args: PageArgs, ctx) => ctx.emails.forCustomer(customer.id, args),
    notes: (customer: Customer, args: PageArgs, ctx) => ctx.notes.forCustomer(customer.id, args),
    changes: (customer: Customer, args: ChangeArgs, ctx) => ctx.history.forCustomer(customer.id, args),
  },
};
