import { formatDateTime } from '../../shared/dates.ts';
import { Section } from '../../shared/Section.tsx';
import { ShowMore } from '../../shared/ShowMore.tsx';
import { AddNoteForm } from './AddNoteForm.tsx';
import type { Customer360 } from './operations.ts';

interface NotesSectionProps {
  notes: Customer360['notes'];
  load: () => Promise<unknown>;
  onAdd: (body: string, pinned: boolean) => Promise<unknown>;
}

/** Internal memos, pinned first (the graph's order), and a form to add one. */
export function NotesSection({ notes, load, onAdd }: NotesSectionProps) {
  return (
    <Section title="Notes" summary={notes.totalCount}>
      <AddNoteForm onAdd={onAdd} />
      {notes.edges.length === 0 ? <p className="empty">No memos yet.</p> : (
        <ul className="notes" aria-label="Memos, pinned first">
          {notes.edges.map(({ node: note }) => (
            <li key={note.id} className={note.pinned ? 'note note-pinned' : 'note'}>
              <p className="note-body">{note.body}</p>
              <p className="hint">
                {note.pinned && <><span className="badge badge-warn">Pinned</span> </>}
                {note.author} · {formatDateTime(note.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ShowMore shown={notes.edges.length} total={notes.totalCount} hasMore={notes.pageInfo.hasNextPage} load={load} noun="memos" />
    </Section>
  );
}
