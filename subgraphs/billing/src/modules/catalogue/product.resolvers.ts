import { money, type PageArgs, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import type { Product } from './product.entity.ts';
import type { UpsertProductInput } from './product.service.ts';

export const productResolvers: Resolvers<BillingContext> = {
  Query: {
    product: (_root, args: { id: string }, ctx) => ctx.catalogue.get(args.id),
    products: (_root, args: PageArgs & { activeOnly?: boolean }, ctx) => ctx.catalogue.list(args),
  },
  Mutation: {
    upsertProduct: (_root, args: { input: UpsertProductInput }, ctx) => ctx.catalogue.upsert(args.input),
  },
  Product: {
    unitPrice: (product: Product) => money(product.unitPrice, product.currency),
    recurring: (product: Product) => product.billing !== 'ONE_TIME',
  },
};
