import { money, type Resolvers } from '@c360/kit';
import type { SupportContext } from '../../context.ts';
import type { WorkOrder } from './work-order.entity.ts';
import type { CreateWorkOrderInput, LabourLineView, UpdateWorkOrderInput, WorkOrderVersionInput, WorkOrderVisitView } from './work-order.service.ts';

type Reference = { id: string };

export const workOrderResolvers: Resolvers<SupportContext> = {
  Query: {
    workOrder: (_root, args: { id: string }, ctx) => ctx.workOrders.get(args.id),
    workOrderProfile: (_root, _args, ctx) => ctx.workOrderProfiles.view(),
  },
  Mutation: {
    createWorkOrder: (_root, args: { input: CreateWorkOrderInput }, ctx) => ctx.workOrders.create(args.input),
    updateWorkOrder: (_root, args: { input: UpdateWorkOrderInput }, ctx) => ctx.workOrders.update(args.input),
    completeWorkOrder: (_root, args: { input: WorkOrderVersionInput }, ctx) => ctx.workOrders.complete(args.input),
    cancelWorkOrder: (_root, args: { input: WorkOrderVersionInput }, ctx) => ctx.workOrders.cancel(args.input),
    setWorkOrderLabourRate: (_root, args: { input: { labourRate: string } }, ctx) => ctx.workOrderProfiles.setLabourRate(args.input),
  },
  WorkOrder: {
    __resolveReference: (ref: Reference, ctx: SupportContext) => ctx.loaders.workOrderById.load(ref.id),
    customer: (workOrder: WorkOrder) => ({ __typename: 'Customer', id: workOrder.customerId }),
    location: (workOrder: WorkOrder) => (workOrder.locationId ? { __typename: 'ServiceLocation', id: workOrder.locationId } : null),
    ticket: (workOrder: WorkOrder, _args, ctx) => (workOrder.ticketId ? ctx.loaders.ticketById.load(workOrder.ticketId) : null),
    dispatchJob: (workOrder: WorkOrder, _args, ctx) => (workOrder.dispatchJobId ? ctx.loaders.dispatchJobById.load(workOrder.dispatchJobId) : null),
    visits: (workOrder: WorkOrder, _args, ctx) => ctx.workOrders.visits(workOrder),
    items: (workOrder: WorkOrder, _args, ctx) => ctx.workOrders.items(workOrder),
    labour: (workOrder: WorkOrder, _args, ctx) => ctx.workOrders.labour(workOrder),
    labourRate: (workOrder: WorkOrder) => money(workOrder.labourRate, workOrder.currency),
    subtotal: (workOrder: WorkOrder) => money(workOrder.subtotal, workOrder.currency),
    taxes: (workOrder: WorkOrder, _args, ctx) => ctx.workOrders.taxes(workOrder),
    taxTotal: (workOrder: WorkOrder) => money(workOrder.taxTotal, workOrder.currency),
    total: (workOrder: WorkOrder) => money(workOrder.total, workOrder.currency),
  },
  WorkOrderVisit: {
    technician: (visit: WorkOrderVisitView, _args, ctx) => ctx.technicians.referenced(visit.technicianId),
  },
  WorkOrderLabourLine: {
    technician: (line: LabourLineView, _args, ctx) => ctx.technicians.referenced(line.technicianId),
  },
};
