import type { Resolvers } from '@c360/kit';
import type { SupportContext } from '../../context.ts';
import type { CreateTechnicianInput, TechniciansArgs, UpdateTechnicianInput } from './technician.service.ts';

export const technicianResolvers: Resolvers<SupportContext> = {
  Query: {
    technician: (_root, args: { id: string }, ctx) => ctx.technicians.get(args.id),
    technicians: (_root, args: TechniciansArgs, ctx) => ctx.technicians.list(args),
  },
  Mutation: {
    createTechnician: (_root, args: { input: CreateTechnicianInput }, ctx) => ctx.technicians.create(args.input),
    updateTechnician: (_root, args: { input: UpdateTechnicianInput }, ctx) => ctx.technicians.update(args.input),
  },
};
