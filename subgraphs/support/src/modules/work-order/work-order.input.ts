import { amount, badInput, requireUuid, type Amount } from '@c360/kit';
import { requireSpan } from '../shared/period.ts';
import { optionalText, requiredText } from '../shared/text.ts';
import { requireDistinct } from '../technician/technician.loader.ts';
import type { PricedWorkOrder } from './work-order.pricing.ts';

export interface WorkOrderVisitInput {
  technicianId: string;
  arrivedAt: Date;
  departedAt: Date;
}

export interface WorkOrderItemInput {
  productCode?: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
}

/** What a work order holds, as create and update take it; update replaces only what it is given. */
export interface WorkOrderContentInput {
  billable?: boolean | null;
  note?: string | null;
  /** Hourly labour rate; the tenant's when omitted at creation. */
  labourRate?: string | null;
  visits?: WorkOrderVisitInput[] | null;
  items?: WorkOrderItemInput[] | null;
}

export interface ValidVisit {
  technicianId: string;
  arrivedAt: Date;
  departedAt: Date;
}

export interface ValidItem {
  productCode: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
}

/** The legacy work order has tech1 and tech2. */
export const MAX_VISITS = 2;
export const MAX_ITEMS = 100;
export const MAX_VISIT_HOURS = 24;
const NOTE_MAX_LENGTH = 10_000;
const DESCRIPTION_MAX_LENGTH = 500;
const PRODUCT_CODE_MAX_LENGTH = 64;
/** numeric(14,2) holds amounts below this. */
const MONEY_LIMIT = amount('1e12');
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const UNIT_PRICE = /^-?\d{1,12}(\.\d{1,2})?$/;
const RATE = /^\d{1,9}(\.\d{1,2})?$/;

/** One or two visits by different technicians, each departing after arriving, within a day. */
export function validVisits(visits: WorkOrderVisitInput[]): ValidVisit[] {
  if (visits.length === 0 || visits.length > MAX_VISITS) throw badInput('input.visits', `must have one or ${MAX_VISITS} visits (one per technician)`);
  const valid = visits.map((visit, index) => {
    const field = `input.visits[${index}]`;
    requireSpan(visit.arrivedAt, visit.departedAt, { start: `${field}.arrivedAt`, end: `${field}.departedAt` }, MAX_VISIT_HOURS);
    return { technicianId: requireUuid(visit.technicianId, `${field}.technicianId`).toLowerCase(), arrivedAt: visit.arrivedAt, departedAt: visit.departedAt };
  });
  requireDistinct(valid.map((visit) => visit.technicianId), (index) => `input.visits[${index}].technicianId`);
  return valid;
}

export function validItems(items: WorkOrderItemInput[]): ValidItem[] {
  if (items.length > MAX_ITEMS) throw badInput('input.items', `must have at most ${MAX_ITEMS} items`);
  return items.map((item, index) => {
    const field = `input.items[${index}]`;
    const description = requiredText(item.description, `${field}.description`, DESCRIPTION_MAX_LENGTH);
    const productCode = optionalText(item.productCode, `${field}.productCode`, PRODUCT_CODE_MAX_LENGTH);
    const quantity = item.quantity.trim();
    if (!QUANTITY.test(quantity) || amount(quantity).isZero()) {
      throw badInput(`${field}.quantity`, `"${item.quantity}" is not a number greater than zero with at most 3 decimals`);
    }
    const unitPrice = item.unitPrice.trim();
    if (!UNIT_PRICE.test(unitPrice)) throw badInput(`${field}.unitPrice`, `"${item.unitPrice}" is not an amount with at most 2 decimals, e.g. 19.99`);
    if (amount(quantity).times(unitPrice).abs().greaterThanOrEqualTo(MONEY_LIMIT)) throw badInput(field, 'the item amount is too large');
    return { productCode, description, quantity, unitPrice };
  });
}

export function validLabourRate(raw: string): string {
  const rate = raw.trim();
  if (!RATE.test(rate)) throw badInput('input.labourRate', `"${raw}" is not an hourly rate with at most 2 decimals, e.g. 95.00`);
  return amount(rate).toFixed(2);
}

export const validNote = (raw: string | null | undefined): string | null => optionalText(raw, 'input.note', NOTE_MAX_LENGTH);

/** Discounts cannot make a work order negative, and the total must fit its column. */
export function checkTotals(priced: PricedWorkOrder): void {
  if (priced.subtotal.isNegative()) throw badInput('input.items', 'the subtotal must not be negative; discounts cannot exceed the labour and items');
  if (priced.total.greaterThanOrEqualTo(MONEY_LIMIT)) throw badInput('input.items', 'the work order total is too large');
}

export const toMoneyString = (value: Amount): string => value.toFixed(2);
