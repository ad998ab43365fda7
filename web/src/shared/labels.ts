/** `PARTIALLY_PAID` → `Partially paid`: enum values read as words. */
export function humanize(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Acronyms and names that `humanize` would spell wrongly. */
const SPECIAL: Record<string, string> = {
  ONT: 'ONT', ATA: 'ATA', DSL: 'DSL', SET_TOP_BOX: 'Set-top box', IN_STOCK: 'In stock',
  SMS: 'SMS', NO_911_RECORD: 'No 911 record', ONE_OFF: 'One-off', PRE_AUTHORIZED: 'Pre-authorised debit',
  RES: 'Residential', BUS: 'Business', BANK_DEBIT: 'Bank debit', CONTRACT_END: 'Contract end',
};

export const label = (value: string): string => SPECIAL[value] ?? humanize(value);

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/** How alarming each status is, whatever type it belongs to (the values do not clash in meaning). */
const TONES: Record<string, Tone> = {
  ACTIVE: 'good', PAID: 'good', INSTALLED: 'good', RESOLVED: 'good', SYNCED: 'good', ACCEPTED: 'good', COMPLETED: 'good', PROCESSED: 'good',
  PARTIALLY_PAID: 'warn', PENDING: 'warn', OPEN: 'warn', IN_PROGRESS: 'warn', WAITING_CUSTOMER: 'warn', HIGH: 'warn', PAUSED: 'warn',
  SENT: 'warn', NOT_YET_VALID: 'warn', NO_ACTIVE_LINE: 'warn', PROSPECT: 'warn',
  SUSPENDED: 'bad', OVERDUE: 'bad', FAULTY: 'bad', URGENT: 'bad', DISCONNECTED: 'bad', MISMATCH: 'bad', MISSING: 'bad', FAILED: 'bad',
  BROKEN: 'bad', REFUSED: 'bad', ADDRESS_MISMATCH: 'bad', NO_911_RECORD: 'bad',
};

export const toneOf = (value: string): Tone => TONES[value] ?? 'neutral';
