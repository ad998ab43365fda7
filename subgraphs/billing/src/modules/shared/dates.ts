import { badInput } from '@c360/kit';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC: the calendar billing dates are kept in. */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

export const today = (now = new Date()): string => isoDate(now);

/** A calendar date (`YYYY-MM-DD`) plus whole days. */
export const addDays = (date: string, days: number): string => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

/** A calendar date plus whole months, clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return isoDate(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** A `Date` argument (parsed by the scalar as midnight UTC), or a date string from code, as `YYYY-MM-DD`. */
export function dateArg(value: Date | string | null | undefined, field: string): string | null {
  if (value == null) return null;
  const date = typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
  if (Number.isNaN(date.getTime())) throw badInput(field, `"${String(value)}" is not a date`);
  return isoDate(date);
}

/** Months in one billing period. */
export const PERIOD_MONTHS = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 } as const;
