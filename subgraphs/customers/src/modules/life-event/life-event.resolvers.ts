import type { PageArgs, Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { RecordInput } from '../shared/customer-write.ts';
import type { LifeEvent } from './life-event.entity.ts';
import type { AddLifeEventInput, UpdateLifeEventInput } from './life-event.service.ts';

export const lifeEventResolvers: Resolvers<CustomersContext> = {
  Query: {
    upcomingLifeEvents: (_root, args: PageArgs & { withinDays: number }, ctx) => ctx.lifeEvents.upcoming(args),
  },
  Mutation: {
    addLifeEvent: (_root, args: { input: AddLifeEventInput }, ctx) => ctx.lifeEvents.add(args.input),
    updateLifeEvent: (_root, args: { input: UpdateLifeEventInput }, ctx) => ctx.lifeEvents.update(args.input),
    removeLifeEvent: (_root, args: { input: RecordInput }, ctx) => ctx.lifeEvents.remove(args.input),
  },
  LifeEvent: {
    customer: (event: LifeEvent, _args, ctx) => ctx.customers.get(event.customerId),
  },
};
