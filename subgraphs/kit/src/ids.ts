import { v7 as uuidv7, validate } from 'uuid';
import { badInput } from './errors.ts';

/** Time-ordered UUIDs (v7) keep new rows at the end of the primary-key index. */
export const newId = (): string => uuidv7();

export const isUuid = (value: string): boolean => validate(value);

/** Rejects a malformed id with an error naming the field, before it reaches SQL. */
export function requireUuid(value: string, field: string): string {
  if (!validate(value)) throw badInput(field, `"${value}" is not a valid id`);
  return value;
}

/**
 * A uuid[] parameter for `em.execute`, which inlines parameters and would spread
 * a JS array into a comma list: one Postgres array literal (`?::uuid[]`) of the
 * valid ids only, so a forged representation can never reach the cast.
 */
export const uuidArray = (ids: readonly string[]): string => `{${ids.filter((id) => validate(id)).join(',')}}`;
