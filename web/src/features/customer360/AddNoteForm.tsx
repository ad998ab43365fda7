import { useId, useState, type FormEvent } from 'react';
import { formErrors } from '../../shared/graphql-errors.ts';

/** Writes a memo on the customer; the list above it shows it once saved. */
export function AddNoteForm({ onAdd }: { onAdd: (body: string, pinned: boolean) => Promise<unknown> }) {
  const id = useId();
  const [body, setBody] = useState('');
  const [pinned, setPinned] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError('Write something first.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onAdd(body.trim(), pinned);
      setBody('');
      setPinned(false);
    } catch (failure) {
      const { fields, general } = formErrors(failure, ['body'] as const);
      setError(fields.body ?? general.join(' '));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="note-form" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-body`}>New memo</label>
        <textarea id={`${id}-body`} rows={3} value={body} onChange={(event) => setBody(event.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {error && <p className="error-text" id={`${id}-error`} role="alert">{error}</p>}
      </div>
      <div className="actions">
        <label className="choice">
          <input type="checkbox" checked={pinned} onChange={(event) => setPinned(event.target.checked)} /> Pin it to the top
        </label>
        <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : 'Add memo'}</button>
      </div>
    </form>
  );
}
