import { badInput } from '@c360/kit';

/** A period as the API takes it: `from` inclusive, `to` exclusive; a missing bound is open. */
export interface PeriodInput {
  from?: Date | null;
  to?: Date | null;
}

/**
 * A validated period, bounds as ISO strings: loaders group requests by their
 * arguments' JSON, and SQL receives the strings as `timestamptz` parameters.
 */
export interface Period {
  from: string | null;
  to: string | null;
}

export const ALL_TIME: Period = { from: null, to: null };

/** Checks that the period is not backwards; `field` names the argument in the error (`period`). */
export function toPeriod(input: PeriodInput | null | undefined, field = 'period'): Period {
  const from = input?.from ?? null;
  const to = input?.to ?? null;
  if (from && to && to.getTime() <= from.getTime()) throw badInput(`${field}.to`, `must be after ${field}.from`);
  return { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null };
}

const HOUR_MS = 3_600_000;

/**
 * A time span of a visit or booking: the end after the start, and at most
 * `maxHours` long (a longer one is a typing error: a wrong day or AM/PM).
 */
export function requireSpan(start: Date, end: Date, fields: { start: string; end: string }, maxHours: number): void {
  if (end.getTime() <= start.getTime()) throw badInput(fields.end, `must be after ${fields.start}`);
  if (end.getTime() - start.getTime() > maxHours * HOUR_MS) throw badInput(fields.end, `must be at most ${maxHours} hours after ${fields.start}`);
}
