/** `PARTIALLY_PAID` → `Partially paid`: enum values read as words. */
export function humanize(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Acronyms and names that `humanize` would spell wrongly. */
const SPECIAL: Record<string, string> = { ONT: 'ONT', ATA: 'ATA', DSL: 'DSL', SET_TOP_BOX: 'Set-top box', IN_STOCK: 'In stock' };

export const label = (value: string): string => SPECIAL[value] ?? humanize(value);

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/** How alarming each status is, whatever type it belongs to (the values do not clash in meaning). */
const TONES: Record<string, Tone> = {
  ACTIVE: 'good', PAID: 'good', INSTALLED: 'good', RESOLVED: 'good',
  PARTIALLY_PAID: 'warn', ISSUED: 'neutral', PENDING: 'warn', OPEN: 'warn', IN_PROGRESS: 'warn', WAITING_CUSTOMER: 'warn', HIGH: 'warn',
  SUSPENDED: 'bad', OVERDUE: 'bad', FAULTY: 'bad', URGENT: 'bad', DISCONNECTED: 'bad',
};

export const toneOf = (value: string): Tone => TONES[value] ?? 'neutral';
