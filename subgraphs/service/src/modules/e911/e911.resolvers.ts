import type { PageArgs, Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import { customerRef } from '../location/location.resolvers.ts';
import type { E911Record } from './e911-record.entity.ts';
import type { SetE911AddressInput } from './e911.service.ts';
import { addressOf } from '../location/address.ts';

export const e911Resolvers: Resolvers<ServiceContext> = {
  Query: {
    e911Record: (_root, args: { did: string }, ctx) => ctx.e911.byDid(args.did),
  },
  Mutation: {
    setE911Address: (_root, args: { input: SetE911AddressInput }, ctx) => ctx.e911.setAddress(args.input),
    syncE911Record: (_root, args: { input: { did: string } }, ctx) => ctx.e911.sync(args.input.did),
    verifyE911Record: (_root, args: { input: { did: string } }, ctx) => ctx.e911.verify(args.input.did),
  },
  E911Record: {
    address: (record: E911Record) => addressOf(record),
    customer: (record: E911Record) => (record.customerId ? customerRef(record.customerId) : null),
    line: (record: E911Record, _args, ctx) => ctx.e911.activeLine(record),
    syncAttempts: (record: E911Record, args: PageArgs, ctx) => ctx.e911.syncAttempts(record, args),
  },
};
