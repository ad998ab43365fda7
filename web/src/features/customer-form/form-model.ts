import type {
  AddressType, CreateCustomerInput, CustomerCategory, CustomerKind, EditableCustomerFragment, RequiredCustomerField, UpdateCustomerInput,
} from '../../generated/graphql.ts';

/** The customer's own text fields, as the form holds them (empty text: no value). */
export const TEXT_FIELDS = [
  'name', 'companyName', 'phone', 'mobile', 'email', 'website', 'preferredLanguage', 'group', 'tags', 'salesRep',
  'registrationNumber', 'taxNumber', 'legalForm', 'sector', 'headcount', 'remarks',
] as const;

/** The new customer's first address (creation only: addresses are records of their own afterwards). */
export const ADDRESS_FIELDS = ['addressType', 'number', 'unit', 'street', 'city', 'region', 'postalCode', 'country'] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type CustomerFormField = 'kind' | 'category' | TextField | AddressField;
export const CUSTOMER_FORM_FIELDS: readonly CustomerFormField[] = ['kind', 'category', ...TEXT_FIELDS, ...ADDRESS_FIELDS];

/** The id of a field's input, e.g. to take the keyboard to it. */
export const fieldId = (field: CustomerFormField): string => `customer-${field}`;

export type CustomerFormValues = { kind: CustomerKind; category: CustomerCategory; addressType: AddressType } & Record<TextField | Exclude<AddressField, 'addressType'>, string>;

/** Fields that only describe a company; an individual sees them only when the tenant requires them of everyone. */
export const COMPANY_FIELDS: readonly TextField[] = ['companyName', 'legalForm', 'registrationNumber', 'taxNumber', 'sector', 'headcount'];

/** The form field each tenant requirement falls on (ADDRESS: the first address's street and city). */
const REQUIREMENT_FIELDS: Record<RequiredCustomerField, readonly CustomerFormField[]> = {
  PHONE: ['phone'], MOBILE: ['mobile'], EMAIL: ['email'], ADDRESS: ['street', 'city'], TAX_NUMBER: ['taxNumber'],
  REGISTRATION_NUMBER: ['registrationNumber'], COMPANY_NAME: ['companyName'], SALES_REP: ['salesRep'],
};

export const valuesOf = (customer: EditableCustomerFragment | undefined): CustomerFormValues => ({
  kind: customer?.kind ?? 'INDIVIDUAL',
  category: customer?.category ?? 'CLIENT',
  name: customer?.name ?? '',
  companyName: customer?.companyName ?? '',
  // Sent back as typed, so that saving other fields does not rewrite how the numbers are displayed.
  phone: customer?.phoneAsTyped ?? customer?.phone ?? '',
  mobile: customer?.mobileAsTyped ?? customer?.mobile ?? '',
  email: customer?.email ?? '',
  website: customer?.website ?? '',
  preferredLanguage: customer?.preferredLanguage ?? '',
  group: customer?.group ?? '',
  tags: customer?.tags.join(', ') ?? '',
  salesRep: customer?.salesRep ?? '',
  registrationNumber: customer?.registrationNumber ?? '',
  taxNumber: customer?.taxNumber ?? '',
  legalForm: customer?.legalForm ?? '',
  sector: customer?.sector ?? '',
  headcount: customer?.headcount?.toString() ?? '',
  remarks: customer?.remarks ?? '',
  addressType: 'SERVICE', number: '', unit: '', street: '', city: '', region: 'QC', postalCode: '', country: 'CA',
});

/** The form's rules for one tenant and one kind of customer. */
export interface FormRules {
  /** Fields that must have a value before saving. */
  required: ReadonlySet<CustomerFormField>;
  /** Text fields the form shows (company fields for companies). */
  shown: ReadonlySet<TextField>;
  /** Whether the form asks for a first address (new customers). */
  address: boolean;
}

export function formRules(requiredFields: readonly RequiredCustomerField[], kind: CustomerKind, creating: boolean): FormRules {
  const required = new Set<CustomerFormField>(['name']);
  for (const requirement of requiredFields) {
    // A company name is only asked of companies; an address only on creation (addresses are edited as records).
    if (requirement === 'COMPANY_NAME' && kind !== 'COMPANY') continue;
    if (requirement === 'ADDRESS' && !creating) continue;
    for (const field of REQUIREMENT_FIELDS[requirement]) required.add(field);
  }
  const shown = new Set(TEXT_FIELDS.filter((field) => kind === 'COMPANY' || !COMPANY_FIELDS.includes(field) || required.has(field)));
  return { required, shown, address: creating };
}

const TENANT_RULE = 'Required by your organisation’s settings.';

/** What the form refuses before asking the server: a missing required value, a head count that is not a whole number. */
export function checkValues(values: CustomerFormValues, rules: FormRules): Partial<Record<CustomerFormField, string>> {
  const errors: Partial<Record<CustomerFormField, string>> = {};
  for (const field of rules.required) {
    const value = values[field];
    if (typeof value === 'string' && !value.trim()) errors[field] = field === 'name' ? 'Enter a name.' : TENANT_RULE;
  }
  if (rules.shown.has('headcount') && values.headcount.trim() && !/^\d+$/.test(values.headcount.trim())) errors.headcount = 'Enter a whole number.';
  return errors;
}

const tagsOf = (text: string): string[] => text.split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean);

/** A text field's value for the graph: trimmed, null when empty; tags a list, a head count a number. */
function graphValue(field: TextField, text: string): CreateCustomerInput[TextField] {
  const trimmed = text.trim();
  if (field === 'tags') return tagsOf(trimmed);
  if (!trimmed) return null;
  return field === 'headcount' ? Number(trimmed) : trimmed;
}

const hasAddress = (values: CustomerFormValues) => ADDRESS_FIELDS.some((field) => field !== 'addressType' && field !== 'country' && field !== 'region' && values[field].trim());

/** `createCustomer`'s input: the shown fields that have a value, and the first address when one was typed. */
export function createInput(values: CustomerFormValues, rules: FormRules): CreateCustomerInput {
  const input: CreateCustomerInput = { kind: values.kind, category: values.category, name: values.name.trim() };
  for (const field of rules.shown) {
    const value = graphValue(field, values[field]);
    if (value !== null && !(Array.isArray(value) && value.length === 0)) Object.assign(input, { [field]: value });
  }
  if (rules.address && hasAddress(values)) {
    const optional = (text: string) => text.trim() || undefined;
    input.addresses = [{
      type: values.addressType,
      address: {
        number: optional(values.number), unit: optional(values.unit), street: values.street.trim(), city: values.city.trim(),
        region: optional(values.region), postalCode: optional(values.postalCode), country: optional(values.country),
      },
    }];
  }
  return input;
}

/** `updateCustomer`'s input: only what changed (a cleared field is sent as null), with the version read. */
export function updateInput(customer: EditableCustomerFragment, values: CustomerFormValues, rules: FormRules): UpdateCustomerInput {
  const initial = valuesOf(customer);
  const input: UpdateCustomerInput = { id: customer.id, version: customer.version };
  if (values.kind !== initial.kind) input.kind = values.kind;
  if (values.category !== initial.category) input.category = values.category;
  for (const field of rules.shown) {
    const before = JSON.stringify(graphValue(field, initial[field]));
    const after = graphValue(field, values[field]);
    if (JSON.stringify(after) !== before) Object.assign(input, { [field]: after });
  }
  return input;
}

/** Whether an update input changes a field (beyond naming the customer and the version read). */
export const changesAnything = (input: UpdateCustomerInput): boolean => Object.keys(input).some((key) => key !== 'id' && key !== 'version');

/**
 * The form field a server error names: `input.` is dropped, the first
 * address's fields are the address fields, a tag is the tags field.
 */
export function formFieldOf(serverField: string): string {
  return serverField
    .replace(/^addresses\[0\]\.address\./, '')
    .replace(/^addresses\[0\]\.type$/, 'addressType')
    .replace(/^addresses(\[0\])?$/, 'street')
    .replace(/^tags\[\d+\]$/, 'tags');
}
