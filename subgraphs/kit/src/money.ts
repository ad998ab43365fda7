import { Decimal } from 'decimal.js';

/**
 * Money is computed with decimal.js, never JS floats, and leaves the API as a
 * decimal string. Amounts are rounded to cents half-up (away from zero), the
 * rounding Canadian and French tax authorities accept per tax line.
 */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Amount = Decimal;

export function amount(value: Decimal.Value): Amount {
  return new Money(value);
}

export function roundToCents(value: Amount): Amount {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function sum(values: Iterable<Decimal.Value>): Amount {
  let total = new Money(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/** The GraphQL `Money` shape. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

export function money(value: Decimal.Value, currency: string): MoneyValue {
  return { amount: roundToCents(amount(value)).toFixed(2), currency };
}
