import { DomainError, ErrorCode, badInput, newId, pageRequest, type Connection, type PageArgs } from '@c360/kit';
import { Note } from './note.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import type { RecordInput, RecordSpec } from '../shared/customer-write.ts';
import { line, requiredText } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';

export interface AddNoteInput {
  customerId: string;
  body: string;
  pinned?: boolean | null;
  externalId?: string | null;
}

export interface UpdateNoteInput extends RecordInput {
  body?: string | null;
  pinned?: boolean | null;
}

const NOTES: RecordSpec<Note> = { entity: Note, what: 'Note', kind: RECORD_KINDS.note, snapshot: noteSnapshot };

export class NoteService extends CustomersService {
  /** Pinned notes first, then newest first. */
  forCustomer(customerId: string, args: PageArgs): Promise<Connection<Note>> {
    return this.loaders.notePages.load({ key: customerId, args: pageRequest(args) });
  }

  add(input: AddNoteInput): Promise<{ note: Note }> {
    const values = { body: requiredText(input.body, 'input.body'), pinned: input.pinned ?? false, externalId: line(input.externalId, 'input.externalId', 100) };
    return this.write(async (write) => {
      const customer = await write.lockCustomer(input.customerId, 'input.customerId');
      const note = write.tx.create(Note, { id: newId(), tenantId: write.tenantId, customerId: customer.id, author: write.who, ...values });
      await write.tx.flush();
      write.created(RECORD_KINDS.note, customer.id, note.id, noteSnapshot(note));
      return { note };
    });
  }

  /** Edits or (un)pins a note: its author or an admin. */
  update(input: UpdateNoteInput): Promise<{ note: Note }> {
    if (input.body === null) throw badInput('input.body', 'must not be null');
    const values = {
      ...(input.body !== undefined ? { body: requiredText(input.body, 'input.body') } : {}),
      ...(input.pinned != null ? { pinned: input.pinned } : {}),
    };
    return this.write(async (write) => {
      const { record } = await write.change(NOTES, input, (note) => {
        this.requireAuthorOrAdmin(note);
        write.tx.assign(note, values);
      });
      return { note: record };
    });
  }

  remove(input: RecordInput): Promise<{ note: Note }> {
    return this.write(async (write) => ({ note: (await write.remove(NOTES, input, (note) => this.requireAuthorOrAdmin(note))).record }));
  }

  private requireAuthorOrAdmin(note: Note): void {
    if (note.author !== this.caller.subject && !this.caller.roles.includes('admin')) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the author of a note or an admin may change it');
    }
  }
}

export function noteSnapshot(note: Note): Snapshot {
  return { body: note.body, pinned: note.pinned, author: note.author, externalId: note.externalId ?? null };
}
