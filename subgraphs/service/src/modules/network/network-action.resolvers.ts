import type { PageArgs, Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import type { ServiceLocation } from '../location/location.entity.ts';
import { networkAttachmentOf } from '../location/location.service.ts';
import type { NetworkAction } from './network-action.entity.ts';

export const networkActionResolvers: Resolvers<ServiceContext> = {
  ServiceLocation: {
    networkActions: (location: ServiceLocation, args: PageArgs, ctx) => ctx.locations.networkActions(location, args),
  },
  NetworkAction: {
    attachment: (action: NetworkAction) => networkAttachmentOf(action),
  },
};
