import type { Resolvers } from '@c360/kit';
import type { CustomersContext } from '../../context.ts';
import type { RecordInput } from '../shared/customer-write.ts';
import type { Note } from './note.entity.ts';
import type { AddNoteInput, UpdateNoteInput } from './note.service.ts';

export const noteResolvers: Resolvers<CustomersContext> = {
  Mutation: {
    addNote: (_root, args: { input: AddNoteInput }, ctx) => ctx.notes.add(args.input),
    updateNote: (_root, args: { input: UpdateNoteInput }, ctx) => ctx.notes.update(args.input),
    removeNote: (_root, args: { input: RecordInput }, ctx) => ctx.notes.remove(args.input),
  },
  Note: {
    customer: (note: Note, _args, ctx) => ctx.customers.get(note.customerId),
  },
};
