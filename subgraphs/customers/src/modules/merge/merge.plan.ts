import type { Customer } from '../customer/customer.entity.ts';
import { asText } from '../shared/customer-write.ts';
import type { CustomerValues } from '../customer/customer.fields.ts';

/** Where a merged field's value comes from. */
export type MergeSource = 'SURVIVOR' | 'MERGED' | 'COMBINED';

/** One field on which the two customers differ, and what the survivor ends with. */
export interface FieldOutcome {
  field: string;
  survivorValue: string | null;
  mergedValue: string | null;
  value: string | null;
  source: MergeSource;
}

export const MERGE_RECORD_KINDS = ['CONTACT', 'ADDRESS', 'PARTNER', 'LIFE_EVENT', 'EMAIL', 'NOTE'] as const;
export type MergeRecordKind = (typeof MERGE_RECORD_KINDS)[number];

/** Records of one kind that move from the merged customer to the survivor (or are dropped). */
export interface MergeMove {
  kind: MergeRecordKind;
  ids: string[];
}

/** Everything a merge does, computed before doing it: the dry run shows exactly this. */
export interface MergePlan {
  survivorId: string;
  mergedId: string;
  fields: FieldOutcome[];
  /** Column values the survivor takes. */
  survivorValues: CustomerValues & { lastActivityAt?: Date | null };
  moves: MergeMove[];
  /** Partner links dropped: between the two customers, or duplicating one the survivor has. */
  droppedPartnerLinkIds: string[];
}

type Field = {
  /** API name, as history names it. */
  name: string;
  get: (customer: Customer) => unknown;
  values: (customer: Customer) => CustomerValues;
};

const column = <K extends keyof CustomerValues & keyof Customer>(name: string, key: K, ...more: (keyof CustomerValues & keyof Customer)[]): Field => ({
  name,
  get: (customer) => customer[key],
  values: (customer) => Object.fromEntries([key, ...more].map((k) => [k, customer[k] ?? null])) as CustomerValues,
});

/**
 * Fields the survivor keeps when it has a value and takes from the merged
 * customer when it has none. Identity (kind, category, name, status) and the
 * external id always stay the survivor's.
 */
const FILLED_FIELDS: Field[] = [
  column('phone', 'phone', 'phoneRaw'),
  column('companyName', 'companyName'),
  column('mobile', 'mobile', 'mobileRaw'),
  column('email', 'email'),
  column('website', 'website'),
  column('preferredLanguage', 'preferredLanguage'),
  column('group', 'customerGroup'),
  column('salesRep', 'salesRep'),
  column('registrationNumber', 'registrationNumber'),
  column('taxNumber', 'taxNumber'),
  column('legalForm', 'legalForm'),
  column('sector', 'sector'),
  { name: 'annualRevenue', get: (c) => (c.annualRevenue != null ? `${c.annualRevenue} ${c.annualRevenueCurrency}` : null), values: (c) => ({ annualRevenue: c.annualRevenue ?? null, annualRevenueCurrency: c.annualRevenueCurrency ?? null }) },
  column('headcount', 'headcount'),
  column('remarks', 'remarks'),
];

/** The field outcomes and the survivor's new values. */
export function planFields(survivor: Customer, merged: Customer): Pick<MergePlan, 'fields' | 'survivorValues'> {
  const fields: FieldOutcome[] = [];
  const survivorValues: MergePlan['survivorValues'] = {};
  const outcome = (name: string, survivorValue: unknown, mergedValue: unknown, value: unknown, source: MergeSource) => {
    if (asText(mergedValue) === null || asText(mergedValue) === asText(survivorValue)) return;
    fields.push({ field: name, survivorValue: asText(survivorValue), mergedValue: asText(mergedValue), value: asText(value), source });
  };
  for (const field of FILLED_FIELDS) {
    const [mine, theirs] = [field.get(survivor), field.get(merged)];
    const takeTheirs = asText(mine) === null && asText(theirs) !== null;
    if (takeTheirs) Object.assign(survivorValues, field.values(merged));
    outcome(field.name, mine, theirs, takeTheirs ? theirs : mine, takeTheirs ? 'MERGED' : 'SURVIVOR');
  }
  // Tags add up.
  const tags = [...new Set([...(survivor.tags ?? []), ...(merged.tags ?? [])])];
  if (tags.length > (survivor.tags ?? []).length) survivorValues.tags = tags;
  outcome('tags', survivor.tags, merged.tags, tags, tags.length > (survivor.tags ?? []).length ? 'COMBINED' : 'SURVIVOR');
  // The relationship started with whichever was contacted first.
  const first = [survivor.firstContactOn, merged.firstContactOn].filter((day): day is string => !!day).sort()[0] ?? null;
  if (first !== (survivor.firstContactOn ?? null)) survivorValues.firstContactOn = first;
  outcome('firstContactOn', survivor.firstContactOn, merged.firstContactOn, first, first === (survivor.firstContactOn ?? null) ? 'SURVIVOR' : 'MERGED');
  // Activity in other domains will arrive under the survivor from now on; keep the latest seen.
  if (merged.lastActivityAt && (!survivor.lastActivityAt || merged.lastActivityAt > survivor.lastActivityAt)) survivorValues.lastActivityAt = merged.lastActivityAt;
  return { fields, survivorValues };
}
