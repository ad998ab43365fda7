import { useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { navigate } from '../../app/router.ts';
import { paths } from '../../app/routes.ts';
import type { EditableCustomerFragment, RequiredCustomerField } from '../../generated/graphql.ts';
import { formErrors, hasFieldError, type FormErrors } from '../../shared/graphql-errors.ts';
import {
  changesAnything, checkValues, createInput, CUSTOMER_FORM_FIELDS, formFieldOf, formRules, updateInput, valuesOf, type CustomerFormField, type CustomerFormValues,
} from './form-model.ts';
import { CREATE_CUSTOMER_MUTATION, PHONE_OWNER_QUERY, UPDATE_CUSTOMER_MUTATION } from './operations.ts';

const noErrors: FormErrors<CustomerFormField> = { fields: {}, general: [] };

export const EXISTING_PHONE_NOTICE =
  'A customer with this phone number already existed: this is their record. Nothing was saved; edit it to change their details.';

/**
 * Creates with `createCustomer` or saves the changed fields with
 * `updateCustomer`. The tenant's required fields are checked before asking
 * the server; server errors land on the field they name. A phone another
 * customer has lands on that customer; a stale `version` (someone saved in
 * between) is a conflict the page offers to resolve by reloading.
 */
export function useCustomerForm(existing: EditableCustomerFragment | undefined, requiredFields: readonly RequiredCustomerField[]) {
  const client = useApolloClient();
  const [values, setValues] = useState(() => valuesOf(existing));
  const [errors, setErrors] = useState(noErrors);
  const [conflict, setConflict] = useState(false);
  const [create, { loading: creating }] = useMutation(CREATE_CUSTOMER_MUTATION, {
    // A new customer belongs somewhere in every customers list: let them load again.
    update: (cache) => {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'customers' });
      cache.gc();
    },
  });
  const [update, { loading: updating }] = useMutation(UPDATE_CUSTOMER_MUTATION);
  const rules = formRules(requiredFields, values.kind, !existing);

  const change = <F extends keyof CustomerFormValues>(field: F, value: CustomerFormValues[F]) => setValues((current) => ({ ...current, [field]: value }));

  /** The phone belongs to someone: open their record instead of creating a second one. */
  const landOnPhoneOwner = async () => {
    const { data } = await client.query({ query: PHONE_OWNER_QUERY, variables: { phone: values.phone.trim() }, fetchPolicy: 'network-only' })
      .catch(() => ({ data: undefined }));
    const owner = data?.customerByPhone;
    if (owner) navigate(paths.customer(owner.id), { state: { notice: EXISTING_PHONE_NOTICE } });
    return Boolean(owner);
  };

  const save = async () => {
    if (existing) {
      const input = updateInput(existing, values, rules);
      const changed = changesAnything(input);
      if (changed) await update({ variables: { input } });
      navigate(paths.customer(existing.id), { state: { notice: changed ? 'Changes saved.' : 'Nothing had changed.' } });
    } else {
      const { data } = await create({ variables: { input: createInput(values, rules) } });
      if (data) navigate(paths.customer(data.createCustomer.customer.id), { state: { notice: 'Customer created.' } });
    }
  };

  const submit = async () => {
    setConflict(false);
    const invalid = checkValues(values, rules);
    setErrors({ fields: invalid, general: [] });
    if (Object.keys(invalid).length > 0) return;
    try {
      await save();
    } catch (error) {
      if (existing && hasFieldError(error, 'CONFLICT', 'input.version')) setConflict(true);
      else if (!existing && hasFieldError(error, 'CONFLICT', 'input.phone') && await landOnPhoneOwner()) return;
      else setErrors(formErrors(error, CUSTOMER_FORM_FIELDS, formFieldOf));
    }
  };

  return { values, change, rules, errors, conflict, dismissConflict: () => setConflict(false), saving: creating || updating, submit };
}
