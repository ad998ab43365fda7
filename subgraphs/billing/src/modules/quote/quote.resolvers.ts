import type { Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { Quote } from './quote.entity.ts';
import type { AcceptQuoteInput, CreateQuoteInput, QuoteDecisionInput } from './quote.service.ts';

export const quoteResolvers: Resolvers<BillingContext> = {
  Query: {
    quote: (_root, args: { id: string }, ctx) => ctx.quotes.get(args.id),
  },
  Mutation: {
    createQuote: (_root, args: { input: CreateQuoteInput }, ctx) => ctx.quotes.create(args.input),
    sendQuote: (_root, args: { input: QuoteDecisionInput }, ctx) => ctx.quotes.send(args.input),
    acceptQuote: (_root, args: { input: AcceptQuoteInput }, ctx) => ctx.quotes.accept(args.input),
    refuseQuote: (_root, args: { input: QuoteDecisionInput }, ctx) => ctx.quotes.refuse(args.input),
  },
  Quote: {
    __resolveReference: (ref: { id: string }, ctx: BillingContext) => ctx.loaders.quoteById.load(ref.id),
    customer: (quote: Quote) => customerRef(quote.customerId),
    serviceLocation: (quote: Quote) => (quote.serviceLocationId ? { __typename: 'ServiceLocation', id: quote.serviceLocationId } : null),
    oneTime: (quote: Quote, _args, ctx) => ctx.quotes.section(quote, 'ONE_TIME'),
    monthly: (quote: Quote, _args, ctx) => ctx.quotes.section(quote, 'MONTHLY'),
    contract: (quote: Quote, _args, ctx) => ctx.contracts.ofQuote(quote.id),
  },
  QuoteLine: {
    product: (line: { productId: string | null }, _args, ctx) => (line.productId ? ctx.catalogue.get(line.productId) : null),
  },
};
