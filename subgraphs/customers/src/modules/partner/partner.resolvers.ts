import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { RecordInput } from '../shared/customer-write.ts';
import type { PartnerLink } from './partner.entity.ts';
import type { AddPartnerInput, UpdatePartnerInput } from './partner.service.ts';

export const partnerResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    addPartner: (_root, args: { input: AddPartnerInput }, ctx) => ctx.partners.add(args.input),
    updatePartner: (_root, args: { input: UpdatePartnerInput }, ctx) => ctx.partners.update(args.input),
    removePartner: (_root, args: { input: RecordInput }, ctx) => ctx.partners.remove(args.input),
  },
  PartnerLink: {
    customer: (link: PartnerLink, _args, ctx) => ctx.customers.get(link.customerId),
    partnerCustomer: (link: PartnerLink, _args, ctx) => (link.partnerCustomerId ? ctx.customers.get(link.partnerCustomerId) : null),
  },
};
