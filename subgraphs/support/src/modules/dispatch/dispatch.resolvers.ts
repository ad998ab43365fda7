import type { Resolvers } from '@c360/kit';
import type { SupportContext } from '../../context.ts';
import type { DispatchJob } from './dispatch.entity.ts';
import type { ChangeDispatchStatusInput, RescheduleDispatchInput, ScheduleDispatchInput } from './dispatch.service.ts';

export const dispatchResolvers: Resolvers<SupportContext> = {
  Query: {
    dispatchJob: (_root, args: { id: string }, ctx) => ctx.dispatch.get(args.id),
  },
  Mutation: {
    scheduleDispatch: (_root, args: { input: ScheduleDispatchInput }, ctx) => ctx.dispatch.schedule(args.input),
    rescheduleDispatch: (_root, args: { input: RescheduleDispatchInput }, ctx) => ctx.dispatch.reschedule(args.input),
    changeDispatchStatus: (_root, args: { input: ChangeDispatchStatusInput }, ctx) => ctx.dispatch.changeStatus(args.input),
  },
  DispatchJob: {
    ticket: (job: DispatchJob, _args, ctx) => ctx.dispatch.ticket(job),
    customer: (job: DispatchJob, _args, ctx) => ctx.dispatch.customer(job),
    location: (job: DispatchJob) => ({ __typename: 'ServiceLocation', id: job.locationId }),
    technicians: (job: DispatchJob, _args, ctx) => ctx.dispatch.crew(job),
  },
};
