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
