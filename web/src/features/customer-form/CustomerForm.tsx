import { useEffect, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import type { EditableCustomerFragment, RequiredCustomerField } from '../../generated/graphql.ts';
import { label } from '../../shared/labels.ts';
import { SelectField } from '../../shared/SelectField.tsx';
import { TextField as TextInput } from '../../shared/TextField.tsx';
import { CATEGORIES } from '../customers/list-params.ts';
import { AddressFieldset } from './AddressFieldset.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { COMPANY_FIELDS, CUSTOMER_FORM_FIELDS, fieldId, type TextField } from './form-model.ts';
import { PhoneOwnerHint } from './PhoneOwnerHint.tsx';
import { useCustomerForm } from './useCustomerForm.ts';
import { usePhoneOwner } from './usePhoneOwner.ts';

interface CustomerFormProps {
  /** The customer being edited; none to create one. */
  existing?: EditableCustomerFragment | undefined;
  /** What the tenant requires of every customer. */
  requiredFields: readonly RequiredCustomerField[];
  /** Loads the latest version after a conflict. */
  onReload?: () => void;
  reloading?: boolean;
}

export function CustomerForm({ existing, requiredFields, onReload, reloading = false }: CustomerFormProps) {
  const { values, change, rules, errors, conflict, dismissConflict, saving, submit } = useCustomerForm(existing, requiredFields);
  const owner = usePhoneOwner(values.phone, !existing);

  // After a refused save, take the keyboard to the first field in error.
  useEffect(() => {
    const first = CUSTOMER_FORM_FIELDS.find((field) => errors.fields[field]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }, [errors]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const company = values.kind === 'COMPANY';

  /** A text field of the customer, when the form shows it for this kind of customer. */
  const text = (field: TextField, fieldLabel: string, props: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { hint?: ReactNode } = {}) =>
    rules.shown.has(field) && (
      <TextInput id={fieldId(field)} label={fieldLabel} required={rules.required.has(field)} value={values[field]}
        onChange={(event) => change(field, event.target.value)} error={errors.fields[field]} {...props} />
    );

  return (
    <form className="card form customer-form" onSubmit={onSubmit} noValidate aria-describedby="customer-form-required">
      <p id="customer-form-required" className="hint">Fields marked * are required{requiredFields.length > 0 && ', some by your organisation’s settings'}.</p>
      {conflict && onReload && <ConflictNotice onReload={onReload} onDismiss={dismissConflict} reloading={reloading} />}
      {errors.general.length > 0 && (
        <div className="error-box" role="alert">{errors.general.map((message) => <p key={message}>{message}</p>)}</div>
      )}
      <fieldset className="form-group">
        <legend>Customer</legend>
        <fieldset className="field" aria-describedby={errors.fields.kind ? `${fieldId('kind')}-error` : undefined}>
          <legend>Kind</legend>
          <div className="radio-row">
            {(['INDIVIDUAL', 'COMPANY'] as const).map((kind) => (
              <label key={kind} className="choice">
                <input type="radio" name="kind" id={kind === 'INDIVIDUAL' ? fieldId('kind') : undefined} value={kind}
                  checked={values.kind === kind} onChange={() => change('kind', kind)} />
                {label(kind)}
              </label>
            ))}
          </div>
          {errors.fields.kind && <p className="error-text" id={`${fieldId('kind')}-error`}>{errors.fields.kind}</p>}
        </fieldset>
        <SelectField id={fieldId('category')} label="Category" value={values.category} options={CATEGORIES} optionLabel={label}
          onChange={(category) => category && change('category', category)} error={errors.fields.category} />
        {text('name', company ? 'Display name' : 'Full name', { autoComplete: company ? 'organization' : 'name' })}
      </fieldset>
      <fieldset className="form-group">
        <legend>How to reach them</legend>
        {text('phone', 'Phone', {
          type: 'tel', autoComplete: 'tel',
          hint: owner && !existing ? <PhoneOwnerHint owner={owner} /> : 'Any format, e.g. 450 555-0123; one customer per number.',
        })}
        {text('mobile', 'Mobile', { type: 'tel' })}
        {text('email', 'E-mail', { type: 'email', autoComplete: 'email' })}
        {text('website', 'Web site', { type: 'url', placeholder: 'example.com' })}
        {text('preferredLanguage', 'Preferred language', { placeholder: 'fr-CA', hint: 'A language tag, e.g. fr, en or fr-CA.' })}
      </fieldset>
      {COMPANY_FIELDS.some((field) => rules.shown.has(field)) && (
        <fieldset className="form-group">
          <legend>{company ? 'Company' : 'Legal'}</legend>
          {text('companyName', 'Registered name', { hint: 'When it differs from the display name.', autoComplete: 'organization' })}
          {text('legalForm', 'Legal form', { placeholder: 'Inc., SENC, SARL…' })}
          {text('registrationNumber', 'Registration number', { hint: 'e.g. a Quebec NEQ or a SIRET.' })}
          {text('taxNumber', 'Tax number', { hint: 'e.g. GST/QST registration numbers.' })}
          {text('sector', 'Sector')}
          {text('headcount', 'Employees', { inputMode: 'numeric' })}
        </fieldset>
      )}
      <fieldset className="form-group">
        <legend>Account</legend>
        {text('group', 'Group', { placeholder: 'Résidentiel, Affaires…' })}
        {text('tags', 'Tags', { hint: 'Separated by commas, e.g. vip, ppa.' })}
        {text('salesRep', 'Sales representative')}
        {text('remarks', 'Remarks')}
      </fieldset>
      {rules.address && <AddressFieldset values={values} change={change} rules={rules} errors={errors.fields} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : existing ? 'Save changes' : 'Create customer'}</button>
        <Link className="button" to={existing ? paths.customer(existing.id) : paths.customers()}>Cancel</Link>
      </div>
    </form>
  );
}
