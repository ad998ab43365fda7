import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { Customer } from '../customer/customer.entity.ts';
import type { TimelineEntry } from './timeline.entity.ts';
import type { TimelineArgs } from './timeline.service.ts';

export const timelineResolvers: Resolvers<CustomersContext> = {
  Customer: {
    timeline: (customer: Customer, args: TimelineArgs, ctx) => ctx.timeline.forCustomer(customer.id, args),
  },
  TimelineEntry: {
    domain: (entry: TimelineEntry) => entry.source.replace(/^\/c360\//, ''),
    subjectId: (entry: TimelineEntry) => entry.subject,
    data: (entry: TimelineEntry) => JSON.stringify(entry.data),
  },
};
