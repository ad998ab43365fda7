import { money, type Resolvers } from '@c360/kit';
import type { BillingContext } from '../../context.ts';
import { customerRef } from '../customer/customer.ref.ts';
import type { Reminder } from './reminder.entity.ts';
import type { ChangeReminderStatusInput, CreateReminderInput } from './reminder.service.ts';

export const reminderResolvers: Resolvers<BillingContext> = {
  Query: {
    reminder: (_root, args: { id: string }, ctx) => ctx.reminders.get(args.id),
  },
  Mutation: {
    createReminder: (_root, args: { input: CreateReminderInput }, ctx) => ctx.reminders.create(args.input),
    changeReminderStatus: (_root, args: { input: ChangeReminderStatusInput }, ctx) => ctx.reminders.changeStatus(args.input),
  },
  Reminder: {
    customer: (reminder: Reminder) => customerRef(reminder.customerId),
    invoice: (reminder: Reminder, _args, ctx) => (reminder.invoiceId ? ctx.invoices.get(reminder.invoiceId) : null),
    contract: (reminder: Reminder, _args, ctx) => (reminder.contractId ? ctx.contracts.get(reminder.contractId) : null),
    penalty: (reminder: Reminder) => money(reminder.penalty, reminder.currency),
  },
};
