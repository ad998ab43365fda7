import { useEffect, type FormEvent } from 'react';
import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import { TextField } from '../../shared/TextField.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import type { EditableCustomer } from './operations.ts';
import { PhoneOwnerHint } from './PhoneOwnerHint.tsx';
import { CUSTOMER_FORM_FIELDS, useCustomerForm } from './useCustomerForm.ts';
import { usePhoneOwner } from './usePhoneOwner.ts';

interface CustomerFormProps {
  /** The customer being edited; none to create one. */
  existing?: EditableCustomer | undefined;
  /** Loads the latest version after a conflict. */
  onReload?: () => void;
  reloading?: boolean;
}

const fieldId = (field: string) => `customer-${field}`;

export function CustomerForm({ existing, onReload, reloading = false }: CustomerFormProps) {
  const { values, change, errors, conflict, dismissConflict, saving, submit } = useCustomerForm(existing);
  const owner = usePhoneOwner(values.phone, !existing);

  // After a failed save, take the keyboard to the first field the server complained about.
  useEffect(() => {
    const first = CUSTOMER_FORM_FIELDS.find((field) => errors.fields[field]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }, [errors]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const company = values.kind === 'COMPANY';

  return (
    <form className="card form" onSubmit={onSubmit} aria-describedby="customer-form-required">
      <p id="customer-form-required" className="hint">Fields marked * are required.</p>
      {conflict && onReload && <ConflictNotice onReload={onReload} onDismiss={dismissConflict} reloading={reloading} />}
      {errors.general.length > 0 && (
        <div className="error-box" role="alert">{errors.general.map((message) => <p key={message}>{message}</p>)}</div>
      )}
      <fieldset className="field" aria-describedby={errors.fields.kind ? `${fieldId('kind')}-error` : undefined}>
        <legend>Kind</legend>
        <div className="radio-row">
          {(['INDIVIDUAL', 'COMPANY'] as const).map((kind) => (
            <label key={kind} className="radio">
              <input
                type="radio"
                name="kind"
                id={kind === 'INDIVIDUAL' ? fieldId('kind') : undefined}
                value={kind}
                checked={values.kind === kind}
                onChange={() => change('kind', kind)}
              />
              {kind === 'COMPANY' ? 'Company' : 'Individual'}
            </label>
          ))}
        </div>
        {errors.fields.kind && <p className="error-text" id={`${fieldId('kind')}-error`}>{errors.fields.kind}</p>}
      </fieldset>
      <TextField
        id={fieldId('name')}
        label={company ? 'Company name' : 'Full name'}
        required
        autoComplete={company ? 'organization' : 'name'}
        value={values.name}
        onChange={(event) => change('name', event.target.value)}
        error={errors.fields.name}
      />
      <TextField
        id={fieldId('phone')}
        label="Phone"
        type="tel"
        required
        autoComplete="tel"
        value={values.phone}
        readOnly={Boolean(existing)}
        onChange={(event) => change('phone', event.target.value)}
        error={errors.fields.phone}
        hint={existing
          ? 'The phone number identifies the customer, so it cannot be changed here.'
          : owner ? <PhoneOwnerHint owner={owner} /> : 'Any format, e.g. 450 555-0123; it identifies the customer.'}
      />
      <TextField
        id={fieldId('email')}
        label="E-mail"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={(event) => change('email', event.target.value)}
        error={errors.fields.email}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : existing ? 'Save changes' : 'Create customer'}</button>
        <Link className="button" to={existing ? paths.customer(existing.id) : paths.customers()}>Cancel</Link>
      </div>
    </form>
  );
}
