import { amount, money, roundToCents, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { Subscription } from './subscription.entity.ts';
import type { ChangeSubscriptionStatusInput, CreateSubscriptionInput } from './subscription.service.ts';

export const subscriptionResolvers: Resolvers<BillingContext> = {
  Query: {
    subscription: (_root, args: { id: string }, ctx) => ctx.subscriptions.get(args.id),
  },
  Mutation: {
    createSubscription: (_root, args: { input: CreateSubscriptionInput }, ctx) => ctx.subscriptions.create(args.input),
    changeSubscriptionStatus: (_root, args: { input: ChangeSubscriptionStatusInput }, ctx) => ctx.subscriptions.changeStatus(args.input),
  },
  ServiceSubscription: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.subscriptionById.load(ref.id),
    customer: (subscription: Subscription) => customerRef(subscription.customerId),
    serviceLocation: (subscription: Subscription) => (subscription.serviceLocationId ? { __typename: 'ServiceLocation', id: subscription.serviceLocationId } : null),
    product: (subscription: Subscription, _args, ctx) => (subscription.productId ? ctx.catalogue.get(subscription.productId) : null),
    contract: (subscription: Subscription, _args, ctx) => (subscription.contractId ? ctx.contracts.get(subscription.contractId) : null),
    quantity: (subscription: Subscription) => amount(subscription.quantity).toFixed(),
    price: (subscription: Subscription) => money(subscription.unitPrice, subscription.currency),
    amount: (subscription: Subscription) => money(roundToCents(amount(subscription.quantity).times(subscription.unitPrice)), subscription.currency),
  },
  ServiceLocation: {
    __resolveReference: (ref: { id: string }) => ref,
    subscriptions: (location: { id: string }, _args, ctx) => ctx.subscriptions.ofLocation(location.id),
  },
};
