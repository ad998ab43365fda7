import type { PageArgs, Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import { customerRef } from '../location/location.resolvers.ts';
import type { ServiceLocation } from '../location/location.entity.ts';
import type { IpAssignment } from './ip-assignment.entity.ts';
import type { AssignIpInput, ReleaseIpInput } from './ip.service.ts';
import { describeInet } from './ip-address.ts';

export const ipResolvers: Resolvers<ServiceContext> = {
  Query: {
    ipHolder: (_root, args: { ip: string; time: Date }, ctx) => ctx.ips.holder(args.ip, args.time),
  },
  Mutation: {
    assignIp: (_root, args: { input: AssignIpInput }, ctx) => ctx.ips.assign(args.input),
    releaseIp: (_root, args: { input: ReleaseIpInput }, ctx) => ctx.ips.release(args.input),
  },
  Customer: {
    ipAt: (customer: { id: string }, args: { time: Date }, ctx) => ctx.ips.at(customer.id, args.time),
  },
  ServiceLocation: {
    ipHistory: (location: ServiceLocation, args: PageArgs, ctx) => ctx.ips.history(location, args),
  },
  IpAssignment: {
    family: (assignment: IpAssignment) => (describeInet(assignment.ip).family === 4 ? 'IPV4' : 'IPV6'),
    prefixLength: (assignment: IpAssignment) => describeInet(assignment.ip).prefixLength,
    customer: (assignment: IpAssignment) => customerRef(assignment.customerId),
    location: (assignment: IpAssignment, _args, ctx) => (assignment.locationId ? ctx.loaders.locationById.load(assignment.locationId) : null),
  },
};
