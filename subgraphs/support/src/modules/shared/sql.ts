import type { PageRequest } from '@c360/kit';
import type { Period } from './period.ts';

/** A SQL string literal. Only for values from closed sets (enum values, ISO times we formatted), never for free text. */
export const sqlLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * A table restricted by conditions, usable where kit `childPages` takes a table
 * name: PostgreSQL flattens the sub-select, so the (tenant, parent, sort) index
 * still serves the page and the count, and the conditions apply to both.
 * `childPages` fixes its parameter order, hence literals (see sqlLiteral).
 */
export function restrictedTable(table: string, conditions: readonly string[]): string {
  return conditions.length === 0 ? table : `(SELECT * FROM ${table} WHERE ${conditions.join(' AND ')})`;
}

/** `column IN (...)` over a closed set of values; nothing when the set is empty (no filter). */
export function inValues(column: string, values: readonly string[] | null | undefined): string[] {
  return values && values.length > 0 ? [`${column} IN (${values.map(sqlLiteral).join(', ')})`] : [];
}

/** `column` within the half-open period. */
export function inPeriod(column: string, period: Period): string[] {
  return [
    ...(period.from ? [`${column} >= ${sqlLiteral(period.from)}::timestamptz`] : []),
    ...(period.to ? [`${column} < ${sqlLiteral(period.to)}::timestamptz`] : []),
  ];
}

/** A page request together with the filters of its list: the arguments one batched statement serves. */
export interface FilteredPage<F> {
  page: PageRequest;
  filter: F;
}
