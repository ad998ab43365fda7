import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { RecordInput } from '../shared/customer-write.ts';
import type { Contact } from './contact.entity.ts';
import type { AddContactInput, UpdateContactInput } from './contact.service.ts';

export const contactResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    addContact: (_root, args: { input: AddContactInput }, ctx) => ctx.contacts.add(args.input),
    updateContact: (_root, args: { input: UpdateContactInput }, ctx) => ctx.contacts.update(args.input),
    removeContact: (_root, args: { input: RecordInput }, ctx) => ctx.contacts.remove(args.input),
  },
  Contact: {
    customer: (contact: Contact, _args, ctx) => ctx.customers.get(contact.customerId),
    phoneAsTyped: (contact: Contact) => contact.phoneRaw,
  },
};
