import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { EmailMessage } from './email.entity.ts';
import type { LogEmailInput } from './email.service.ts';

export const emailResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    logEmail: (_root, args: { input: LogEmailInput }, ctx) => ctx.emails.log(args.input),
  },
  EmailMessage: {
    customer: (message: EmailMessage, _args, ctx) => ctx.customers.get(message.customerId),
    from: (message: EmailMessage) => message.fromAddress,
    to: (message: EmailMessage) => message.toAddresses,
    cc: (message: EmailMessage) => message.ccAddresses,
  },
};
