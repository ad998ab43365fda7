import type { Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import type { ServiceLocation } from '../location/location.entity.ts';
import type { Equipment } from './equipment.entity.ts';
import type { AddEquipmentInput, RemoveEquipmentInput } from './equipment.service.ts';

/** What `refreshEquipmentParameters` asks for: every parameter of the device's data model. */
const REFRESH_ALL = { name: 'refreshObject', objectName: '' } as const;

export const equipmentResolvers: Resolvers<ServiceContext> = {
  Query: {
    equipment: (_root, args: { id: string }, ctx) => ctx.equipment.get(args.id),
    equipmentBySerial: (_root, args: { serial: string }, ctx) => ctx.equipment.bySerial(args.serial),
    equipmentByMacAddress: (_root, args: { macAddress: string }, ctx) => ctx.equipment.byMacAddress(args.macAddress),
  },
  Mutation: {
    addEquipment: (_root, args: { input: AddEquipmentInput }, ctx) => ctx.equipment.add(args.input),
    removeEquipment: (_root, args: { input: RemoveEquipmentInput }, ctx) => ctx.equipment.remove(args.input),
    rebootEquipment: (_root, args: { input: { equipmentId: string } }, ctx) => ctx.equipment.runTask(args.input.equipmentId, { name: 'reboot' }),
    refreshEquipmentParameters: (_root, args: { input: { equipmentId: string } }, ctx) => ctx.equipment.runTask(args.input.equipmentId, REFRESH_ALL),
  },
  ServiceLocation: {
    equipment: (location: ServiceLocation, _args, ctx) => ctx.loaders.equipmentByLocation.load(location.id),
  },
  Equipment: {
    __resolveReference: (ref: { id: string }, ctx: ServiceContext) => ctx.loaders.equipmentById.load(ref.id),
    location: (equipment: Equipment, _args, ctx) => ctx.loaders.locationById.load(equipment.locationId),
    liveStatus: (equipment: Equipment, _args, ctx) => ctx.equipment.liveStatus(equipment),
  },
};
