import type { MoneyPartsFragment } from '../generated/graphql.ts';

/** The graph's `Money`: `amount` is a decimal string (`"45.97"`, `"-12.50"`), never a float. */
type Money = MoneyPartsFragment;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, currency: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * Formats the decimal string as it is: `Intl.NumberFormat` reads a string as
 * an exact decimal, so no amount ever passes through a float. Anything that is
 * not a plain decimal is shown raw rather than guessed at.
 */
export function formatMoney(money: Money, locale?: string): string {
  if (!DECIMAL.test(money.amount)) return `${money.amount} ${money.currency}`;
  try {
    return formatter(locale, money.currency).format(money.amount as `${number}`);
  } catch {
    // An unknown currency code: still show the amount.
    return `${money.amount} ${money.currency}`;
  }
}

/** The sign of a decimal string, read from its text: -1, 0 or 1. */
export function moneySign(money: Money): -1 | 0 | 1 {
  if (/^-?0*(\.0*)?$/.test(money.amount)) return 0;
  return money.amount.startsWith('-') ? -1 : 1;
}
