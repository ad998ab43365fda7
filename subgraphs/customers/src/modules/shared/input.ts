import { z } from 'zod';
import { badInput, toE164 } from '@c360/kit';

/** Longest value of a one-line field (names, roles, numbers...). */
export const MAX_LINE = 200;
/** Longest free text (notes, remarks, excerpts). */
export const MAX_TEXT = 10_000;

const emailSchema = z.email();

/** A one-line value: trimmed, inner runs of spaces collapsed; empty becomes null. */
export function line(value: string | null | undefined, field: string, max = MAX_LINE): string | null {
  const cleaned = value?.trim().replace(/\s+/g, ' ') || null;
  if (cleaned && cleaned.length > max) throw badInput(field, `must be at most ${max} characters`);
  return cleaned;
}

/** A one-line value that must not be empty once trimmed. */
export function requiredLine(value: string | null | undefined, field: string, max = MAX_LINE): string {
  const cleaned = line(value, field, max);
  if (!cleaned) throw badInput(field, 'must not be empty');
  return cleaned;
}

/** Free text: trimmed at both ends only; empty becomes null. */
export function text(value: string | null | undefined, field: string, max = MAX_TEXT): string | null {
  const cleaned = value?.trim() || null;
  if (cleaned && cleaned.length > max) throw badInput(field, `must be at most ${max} characters`);
  return cleaned;
}

export function email(value: string | null | undefined, field: string): string | null {
  const cleaned = line(value, field);
  if (cleaned && !emailSchema.safeParse(cleaned).success) throw badInput(field, `"${cleaned}" is not a valid e-mail address`);
  return cleaned;
}

/** A phone number in E.164 with the tenant's country, and as typed; null when empty. */
export function phone(value: string | null | undefined, field: string, country: string): { e164: string; raw: string } | null {
  const raw = line(value, field);
  return raw ? { e164: toE164(raw, country, field), raw } : null;
}

/** A `Date` scalar value (midnight UTC) as `YYYY-MM-DD`. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Today in a time zone, as `YYYY-MM-DD`. */
export const todayIn = (timeZone: string, now = new Date()): string => now.toLocaleDateString('en-CA', { timeZone });

/** Whether an update input names a field (null included: it clears the field). */
export const given = <T extends object>(input: T, key: keyof T): boolean => input[key] !== undefined;

/** Free text that must not be empty once trimmed. */
export function requiredText(value: string | null | undefined, field: string, max = MAX_TEXT): string {
  const cleaned = text(value, field, max);
  if (!cleaned) throw badInput(field, 'must not be empty');
  return cleaned;
}
