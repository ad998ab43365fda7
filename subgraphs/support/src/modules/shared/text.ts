import { badInput } from '@c360/kit';

/**
 * Trimmed text that must not be empty, at most `max` characters counted as
 * PostgreSQL's char_length counts them (code points), so the table's CHECK agrees.
 */
export function requiredText(raw: string, field: string, max: number): string {
  const text = raw.trim();
  if (!text) throw badInput(field, 'must not be empty');
  const length = [...text].length;
  if (length > max) throw badInput(field, `must be at most ${max} characters (it has ${length})`);
  return text;
}

/** Trimmed text where blank means none. */
export function optionalText(raw: string | null | undefined, field: string, max: number): string | null {
  return raw?.trim() ? requiredText(raw, field, max) : null;
}
