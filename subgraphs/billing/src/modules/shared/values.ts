import { amount, badInput, conflict, type Amount } from '@c360/kit';

/** numeric(14,2) holds amounts below this. */
export const MONEY_LIMIT = amount('1e12');
const MONEY = /^-?\d{1,12}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const RATE = /^\d(\.\d{1,6})?$/;

/**
 * A decimal string in the tenant's currency with at most two decimals. By
 * default it must be greater than zero; `allowZero` and `allowNegative` relax that.
 */
export function parseMoney(raw: string, field: string, options: { allowZero?: boolean; allowNegative?: boolean } = {}): Amount {
  const value = raw.trim();
  const parsed = MONEY.test(value) ? amount(value) : null;
  const floor = options.allowNegative ? null : options.allowZero ? 'at least zero' : 'greater than zero';
  if (!parsed || (parsed.isNegative() && !options.allowNegative) || (parsed.isZero() && !options.allowZero && !options.allowNegative)) {
    throw badInput(field, `"${raw}" is not an amount${floor ? ` ${floor}` : ''} with at most 2 decimals, e.g. 45.97`);
  }
  return parsed;
}

/** A quantity greater than zero with at most three decimals. */
export function parseQuantity(raw: string, field: string): string {
  const value = raw.trim();
  if (!QUANTITY.test(value) || amount(value).isZero()) throw badInput(field, `"${raw}" is not a number greater than zero with at most 3 decimals`);
  return value;
}

/** A rate as a decimal fraction below 1 (`0.07` is 7 %), at most six decimals. */
export function parseRate(raw: string, field: string): string {
  const value = raw.trim();
  if (!RATE.test(value) || amount(value).greaterThanOrEqualTo(1)) throw badInput(field, `"${raw}" is not a rate between 0 and 1 with at most 6 decimals, e.g. 0.07 for 7 %`);
  return amount(value).toFixed();
}

/** Trimmed text; empty is null unless `required`. */
export function parseText(raw: string | null | undefined, field: string, options: { max: number; required?: boolean }): string | null {
  const value = raw?.trim() ?? '';
  if (!value) {
    if (options.required) throw badInput(field, 'must not be empty');
    return null;
  }
  if (value.length > options.max) throw badInput(field, `must be at most ${options.max} characters`);
  return value;
}

export function requiredText(raw: string | null | undefined, field: string, max: number): string {
  return parseText(raw, field, { max, required: true })!;
}

/** The optimistic-concurrency check of an update: a stale version is a conflict naming the field. */
export function checkVersion(current: number, expected: number | null | undefined, what: string): void {
  if (expected != null && expected !== current) {
    throw conflict(`The ${what} was changed by someone else (version ${current}, yours ${expected}); reload and retry`, 'input.version');
  }
}

/**
 * Refuses a status change the workflow does not allow, naming the field and
 * saying which changes are possible from the current status.
 */
export function checkTransition<S extends string>(workflow: Record<S, readonly S[]>, what: string, from: S, to: S, field = 'input.id'): void {
  if (workflow[from].includes(to)) return;
  const allowed = workflow[from];
  throw conflict(`A ${from} ${what} cannot become ${to}${allowed.length ? ` (from ${from}: ${allowed.join(', ')})` : ` (${from} is final)`}`, field);
}

/** `'A', 'B'` for an SQL `IN (...)` of constant statuses (never user input). */
export const sqlList = (values: readonly string[]): string => values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
