import type { AddressType } from '../../generated/graphql.ts';
import { label } from '../../shared/labels.ts';
import { SelectField } from '../../shared/SelectField.tsx';
import { TextField } from '../../shared/TextField.tsx';
import { fieldId, type AddressField, type CustomerFormField, type CustomerFormValues, type FormRules } from './form-model.ts';

const ADDRESS_TYPES: readonly AddressType[] = ['SERVICE', 'BILLING', 'SHIPPING', 'OTHER'];

interface AddressFieldsetProps {
  values: CustomerFormValues;
  change: <F extends keyof CustomerFormValues>(field: F, value: CustomerFormValues[F]) => void;
  rules: FormRules;
  errors: Partial<Record<CustomerFormField, string>>;
}

/** The new customer's first address: optional unless the tenant requires one. */
export function AddressFieldset({ values, change, rules, errors }: AddressFieldsetProps) {
  const line = (field: Exclude<AddressField, 'addressType'>, fieldLabel: string, autoComplete: string) => (
    <TextField id={fieldId(field)} label={fieldLabel} required={rules.required.has(field)} value={values[field]} autoComplete={autoComplete}
      onChange={(event) => change(field, event.target.value)} error={errors[field]} />
  );
  return (
    <fieldset className="form-group address-fields">
      <legend>Address{rules.required.has('street') ? '' : ' (optional)'}</legend>
      <SelectField id={fieldId('addressType')} label="Used for" value={values.addressType} options={ADDRESS_TYPES} optionLabel={label}
        onChange={(type) => type && change('addressType', type)} error={errors.addressType} />
      {line('number', 'Civic number', 'address-line1')}
      {line('street', 'Street', 'address-line1')}
      {line('unit', 'Unit', 'address-line2')}
      {line('city', 'City', 'address-level2')}
      {line('region', 'Province', 'address-level1')}
      {line('postalCode', 'Postal code', 'postal-code')}
      {line('country', 'Country', 'country')}
    </fieldset>
  );
}
