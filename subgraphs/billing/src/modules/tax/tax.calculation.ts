import { amount, roundToCents, sum, type Amount } from '@c360/kit';

/** A tax as a tenant charges it; `rate` is a decimal fraction string (`0.09975` is 9.975 %). */
export interface TaxRate {
  code: string;
  name: string;
  rate: string;
}

/** The currency a tenant bills in and the taxes charged, in order, on every invoice. */
export interface TaxProfileValue {
  currency: string;
  taxes: TaxRate[];
}

/** Quebec: GST 5 % and QST 9.975 %, both on the subtotal (QST stopped compounding on GST in 2013). */
export const QUEBEC_TAX_PROFILE: TaxProfileValue = Object.freeze({
  currency: 'CAD',
  taxes: [
    { code: 'GST', name: 'TPS / GST', rate: '0.05' },
    { code: 'QST', name: 'TVQ / QST', rate: '0.09975' },
  ],
});

export const FRANCE_TAX_PROFILE: TaxProfileValue = Object.freeze({
  currency: 'EUR',
  taxes: [{ code: 'TVA', name: 'TVA 20 %', rate: '0.2' }],
});

/** Morocco: TVA at the reduced 7 % rate (e.g. on some utilities and pharmaceuticals), in dirhams. */
export const MOROCCO_TAX_PROFILE: TaxProfileValue = Object.freeze({
  currency: 'MAD',
  taxes: [{ code: 'TVA', name: 'TVA 7 %', rate: '0.07' }],
});

/** What a tenant without a stored profile charges. */
export const DEFAULT_TAX_PROFILE = QUEBEC_TAX_PROFILE;

export interface LineToPrice {
  description: string;
  /** Decimal string, up to three decimals. */
  quantity: string;
  /** Decimal string, up to two decimals. */
  unitPrice: string;
}

export interface PricedLine extends LineToPrice {
  amount: Amount;
}

export interface PricedTax extends TaxRate {
  amount: Amount;
}

export interface PricedInvoice {
  currency: string;
  lines: PricedLine[];
  taxes: PricedTax[];
  subtotal: Amount;
  taxTotal: Amount;
  total: Amount;
}

/**
 * quantity × unit price, rounded half-up (away from zero) to the cent. The
 * `invoice_line.amount` column is generated with PostgreSQL's `round(x, 2)`,
 * which rounds the same way.
 */
export function lineAmount(quantity: string, unitPrice: string): Amount {
  return roundToCents(amount(quantity).times(unitPrice));
}

/**
 * The one place invoice money is computed (createInvoice and the demo seed):
 * subtotal = sum of line amounts; each tax = subtotal × rate rounded half-up to
 * the cent, taxes independent of each other; total = subtotal + taxes.
 */
export function priceInvoice(lines: LineToPrice[], profile: TaxProfileValue): PricedInvoice {
  const priced = lines.map((line) => ({ ...line, amount: lineAmount(line.quantity, line.unitPrice) }));
  const subtotal = sum(priced.map((line) => line.amount));
  const taxes = profile.taxes.map((tax) => ({ ...tax, amount: roundToCents(subtotal.times(tax.rate)) }));
  const taxTotal = sum(taxes.map((tax) => tax.amount));
  return { currency: profile.currency, lines: priced, taxes, subtotal, taxTotal, total: subtotal.plus(taxTotal) };
}
