import { amount, roundToCents, sum, type Amount } from '@c360/kit';

/** A tax as a tenant charges it; `rate` is a decimal fraction string (`0.09975` is 9.975 %). */
export interface WorkOrderTaxRate {
  code: string;
  name: string;
  rate: string;
}

/** What a tenant's work orders are priced with. */
export interface WorkOrderProfile {
  currency: string;
  taxes: WorkOrderTaxRate[];
  /** Hourly rate charged for a technician's time, decimal string; `0.00` when labour is not charged. */
  labourRate: string;
}

/** Quebec: GST 5 % and QST 9.975 %, each on the subtotal (QST stopped compounding on GST in 2013). */
export const QUEBEC_PROFILE: WorkOrderProfile = Object.freeze({
  currency: 'CAD',
  taxes: [
    { code: 'GST', name: 'TPS / GST', rate: '0.05' },
    { code: 'QST', name: 'TVQ / QST', rate: '0.09975' },
  ],
  labourRate: '0.00',
});

/** What a tenant without a stored profile uses. */
export const DEFAULT_WORK_ORDER_PROFILE = QUEBEC_PROFILE;

export interface ItemToPrice {
  /** Decimal string, up to three decimals. */
  quantity: string;
  /** Decimal string, up to two decimals; negative for a discount. */
  unitPrice: string;
}

export interface SpanToPrice {
  arrivedAt: Date;
  departedAt: Date;
}

export interface PricedWorkOrder {
  /** Per visit, in order: hours billed and their amount. */
  labour: { hours: Amount; amount: Amount }[];
  /** Per item, in order. */
  items: Amount[];
  subtotal: Amount;
  taxes: (WorkOrderTaxRate & { amount: Amount })[];
  taxTotal: Amount;
  total: Amount;
}

const HOUR_MS = 3_600_000;

/** A visit's time in hours, rounded half-up to the hundredth (36 seconds): 1 h 20 min is 1.33 h. */
export function billedHours(span: SpanToPrice): Amount {
  // Hundredths of an hour, rounded like cents.
  return roundToCents(amount(span.departedAt.getTime() - span.arrivedAt.getTime()).dividedBy(HOUR_MS));
}

/**
 * The one place work-order money is computed (writes and the demo seed), with
 * the rounding of invoices, so that the invoice billing makes from a completed
 * work order has the same total:
 * - labour per visit = billed hours × labour rate, rounded half-up to the cent;
 * - item amount = quantity × unit price, rounded half-up to the cent;
 * - subtotal = labour + items; each tax = subtotal × rate, rounded half-up to the
 *   cent, each on its own (never a tax on a tax); total = subtotal + taxes.
 */
export function priceWorkOrder(visits: SpanToPrice[], items: ItemToPrice[], labourRate: string, taxes: WorkOrderTaxRate[]): PricedWorkOrder {
  const labour = visits.map((visit) => {
    const hours = billedHours(visit);
    return { hours, amount: roundToCents(hours.times(labourRate)) };
  });
  const itemAmounts = items.map((item) => roundToCents(amount(item.quantity).times(item.unitPrice)));
  const subtotal = sum([...labour.map((line) => line.amount), ...itemAmounts]);
  const pricedTaxes = taxes.map((tax) => ({ ...tax, amount: roundToCents(subtotal.times(tax.rate)) }));
  const taxTotal = sum(pricedTaxes.map((tax) => tax.amount));
  return { labour, items: itemAmounts, subtotal, taxes: pricedTaxes, taxTotal, total: subtotal.plus(taxTotal) };
}
