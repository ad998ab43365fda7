import { label, toneOf } from './labels.ts';

/** An enum value as a coloured word; the colour repeats the word, it never replaces it. */
export function StatusBadge({ value }: { value: string }) {
  return <span className={`badge badge-${toneOf(value)}`}>{label(value)}</span>;
}
