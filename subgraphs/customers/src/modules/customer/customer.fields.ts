import { amount, badInput } from '@c360/kit';
import type { Customer, CustomerCategory, CustomerKind } from './customer.entity.ts';
import type { RequirableField } from '../tenant/tenant.entity.ts';
import type { TenantSettingsView } from '../tenant/tenant.service.ts';
import { email, isoDay, line, phone, requiredLine, text, todayIn } from '../shared/input.ts';
import type { Snapshot } from '../shared/record-kinds.ts';

/** The customer's own fields as a client sends them (create and update share them). */
export interface CustomerFieldsInput {
  kind?: CustomerKind | null;
  category?: CustomerCategory | null;
  name?: string | null;
  companyName?: string | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
  website?: string | null;
  preferredLanguage?: string | null;
  group?: string | null;
  tags?: string[] | null;
  salesRep?: string | null;
  registrationNumber?: string | null;
  taxNumber?: string | null;
  legalForm?: string | null;
  sector?: string | null;
  annualRevenue?: { amount: string; currency: string } | null;
  headcount?: number | null;
  firstContactOn?: Date | null;
  remarks?: string | null;
  externalId?: string | null;
}

/** Column values as the entity names them. */
export type CustomerValues = Partial<Pick<Customer,
  | 'kind' | 'category' | 'name' | 'companyName' | 'phone' | 'phoneRaw' | 'mobile' | 'mobileRaw' | 'email' | 'website'
  | 'preferredLanguage' | 'customerGroup' | 'tags' | 'salesRep' | 'registrationNumber' | 'taxNumber' | 'legalForm' | 'sector'
  | 'annualRevenue' | 'annualRevenueCurrency' | 'headcount' | 'firstContactOn' | 'remarks' | 'externalId'>>;

export const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;
const REVENUE = /^\d{1,14}(\.\d{1,2})?$/;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Validates the fields present in `input` (absent: unchanged; null: cleared)
 * and returns their column values. Errors name the field under `prefix`, e.g.
 * `input.annualRevenue.amount`.
 */
export function validateCustomerFields(input: CustomerFieldsInput, settings: TenantSettingsView, prefix: string): CustomerValues {
  const values: CustomerValues = {};
  const field = (name: string) => `${prefix}.${name}`;
  const notNull = <T>(value: T | null | undefined, name: string): T | undefined => {
    if (value === null) throw badInput(field(name), 'must not be null');
    return value;
  };
  const has = (key: keyof CustomerFieldsInput) => input[key] !== undefined;

  if (has('kind')) values.kind = notNull(input.kind, 'kind');
  if (has('category')) values.category = notNull(input.category, 'category');
  // Names are sanitised (trimmed, inner spaces collapsed); an empty name is refused.
  if (has('name')) values.name = requiredLine(input.name, field('name'));
  if (has('companyName')) values.companyName = line(input.companyName, field('companyName'));
  if (has('phone')) {
    const parsed = phone(input.phone, field('phone'), settings.defaultCountry);
    values.phone = parsed?.e164 ?? null;
    values.phoneRaw = parsed?.raw ?? null;
  }
  if (has('mobile')) {
    const parsed = phone(input.mobile, field('mobile'), settings.defaultCountry);
    values.mobile = parsed?.e164 ?? null;
    values.mobileRaw = parsed?.raw ?? null;
  }
  if (has('email')) values.email = email(input.email, field('email'));
  if (has('website')) values.website = website(input.website, field('website'));
  if (has('preferredLanguage')) values.preferredLanguage = language(input.preferredLanguage, field('preferredLanguage'));
  if (has('group')) values.customerGroup = line(input.group, field('group'));
  if (has('tags')) values.tags = tags(input.tags ?? [], field('tags'));
  if (has('salesRep')) values.salesRep = line(input.salesRep, field('salesRep'));
  if (has('registrationNumber')) values.registrationNumber = line(input.registrationNumber, field('registrationNumber'));
  if (has('taxNumber')) values.taxNumber = line(input.taxNumber, field('taxNumber'));
  if (has('legalForm')) values.legalForm = line(input.legalForm, field('legalForm'));
  if (has('sector')) values.sector = line(input.sector, field('sector'));
  if (has('annualRevenue')) Object.assign(values, revenue(input.annualRevenue ?? null, field('annualRevenue')));
  if (has('headcount')) {
    if (input.headcount != null && input.headcount < 0) throw badInput(field('headcount'), 'must not be negative');
    values.headcount = input.headcount ?? null;
  }
  if (has('firstContactOn')) values.firstContactOn = firstContact(input.firstContactOn ?? null, field('firstContactOn'), settings.timeZone);
  if (has('remarks')) values.remarks = text(input.remarks, field('remarks'));
  if (has('externalId')) values.externalId = line(input.externalId, field('externalId'), 100);
  return values;
}

/** Where each requirable field lives: its input name and whether a value satisfies it. */
const REQUIREMENTS: Record<RequirableField, { input: string; present: (values: CustomerValues & { addressCount: number }) => boolean }> = {
  PHONE: { input: 'phone', present: (v) => !!v.phone },
  MOBILE: { input: 'mobile', present: (v) => !!v.mobile },
  EMAIL: { input: 'email', present: (v) => !!v.email },
  ADDRESS: { input: 'addresses', present: (v) => v.addressCount > 0 },
  TAX_NUMBER: { input: 'taxNumber', present: (v) => !!v.taxNumber },
  REGISTRATION_NUMBER: { input: 'registrationNumber', present: (v) => !!v.registrationNumber },
  // A company name only makes sense for companies.
  COMPANY_NAME: { input: 'companyName', present: (v) => v.kind !== 'COMPANY' || !!v.companyName },
  SALES_REP: { input: 'salesRep', present: (v) => !!v.salesRep },
};

/** On create: every field the tenant requires has a value (`input.addresses` for ADDRESS). */
export function checkRequiredOnCreate(settings: TenantSettingsView, values: CustomerValues & { addressCount: number }, prefix: string, inputName = (name: string) => name): void {
  for (const required of settings.requiredFields) {
    const rule = REQUIREMENTS[required];
    if (!rule.present(values)) throw badInput(`${prefix}.${inputName(rule.input)}`, "is required by the tenant's settings");
  }
}

/** On update: a field the tenant requires cannot be cleared. */
export function checkRequiredOnUpdate(settings: TenantSettingsView, values: CustomerValues, current: Customer, prefix: string): void {
  const merged = { ...current, ...values, addressCount: 1 };
  for (const required of settings.requiredFields) {
    const rule = REQUIREMENTS[required];
    if (rule.input !== 'addresses' && !rule.present(merged)) throw badInput(`${prefix}.${rule.input}`, "is required by the tenant's settings and cannot be cleared");
  }
}

/** The customer's fields as history and events show them (API names; no id or version). */
export function customerFields(customer: Customer): Snapshot {
  return {
    kind: customer.kind,
    category: customer.category,
    status: customer.status,
    name: customer.name,
    companyName: customer.companyName ?? null,
    phone: customer.phone ?? null,
    phoneAsTyped: customer.phoneRaw ?? null,
    mobile: customer.mobile ?? null,
    email: customer.email ?? null,
    website: customer.website ?? null,
    preferredLanguage: customer.preferredLanguage ?? null,
    group: customer.customerGroup ?? null,
    tags: customer.tags ?? [],
    salesRep: customer.salesRep ?? null,
    registrationNumber: customer.registrationNumber ?? null,
    taxNumber: customer.taxNumber ?? null,
    legalForm: customer.legalForm ?? null,
    sector: customer.sector ?? null,
    annualRevenue: customer.annualRevenue != null ? { amount: amount(customer.annualRevenue).toFixed(2), currency: customer.annualRevenueCurrency } : null,
    headcount: customer.headcount ?? null,
    firstContactOn: customer.firstContactOn ?? null,
    remarks: customer.remarks ?? null,
    externalId: customer.externalId ?? null,
    mergedIntoId: customer.mergedIntoId ?? null,
  };
}

/** `example.com` or `https://example.com/fr`: stored with its scheme. */
function website(value: string | null | undefined, field: string): string | null {
  const cleaned = line(value, field);
  if (!cleaned) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(cleaned) ? cleaned : `https://${cleaned}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
    throw badInput(field, `"${cleaned}" is not a web address, e.g. https://example.com`);
  }
  return url.href.replace(/\/$/, '');
}

/** A BCP 47 language tag, canonicalised (`fr-ca` → `fr-CA`). */
function language(value: string | null | undefined, field: string): string | null {
  const cleaned = line(value, field, 35);
  if (!cleaned) return null;
  try {
    return Intl.getCanonicalLocales(cleaned)[0] ?? null;
  } catch {
    throw badInput(field, `"${cleaned}" is not a language tag, e.g. fr or en-CA`);
  }
}

/** Tags are keys: lower case, single spaces, each once, in the order given. */
function tags(values: string[], field: string): string[] {
  const result: string[] = [];
  values.forEach((value, index) => {
    const tag = requiredLine(value, `${field}[${index}]`, MAX_TAG_LENGTH).toLowerCase();
    if (!result.includes(tag)) result.push(tag);
  });
  if (result.length > MAX_TAGS) throw badInput(field, `must have at most ${MAX_TAGS} tags`);
  return result;
}

function revenue(value: { amount: string; currency: string } | null, field: string): CustomerValues {
  if (!value) return { annualRevenue: null, annualRevenueCurrency: null };
  const figure = value.amount.trim();
  if (!REVENUE.test(figure)) throw badInput(`${field}.amount`, `"${value.amount}" is not a non-negative amount with at most 2 decimals, e.g. 250000.00`);
  const currency = value.currency.trim().toUpperCase();
  if (!CURRENCIES.has(currency)) throw badInput(`${field}.currency`, `"${value.currency}" is not an ISO 4217 currency code, e.g. CAD`);
  return { annualRevenue: amount(figure).toFixed(2), annualRevenueCurrency: currency };
}

function firstContact(value: Date | null, field: string, timeZone: string): string | null {
  if (!value) return null;
  const day = isoDay(value);
  if (day > todayIn(timeZone)) throw badInput(field, 'must not be in the future');
  return day;
}
