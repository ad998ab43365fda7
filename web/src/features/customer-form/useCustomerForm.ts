import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { navigate } from '../../app/router.ts';
import { paths } from '../../app/routes.ts';
import type { CustomerKind } from '../../shared/graph-types.ts';
import { formErrors, hasErrorCode, type FormErrors } from '../../shared/graphql-errors.ts';
import { UPSERT_CUSTOMER_MUTATION, type EditableCustomer } from './operations.ts';

export interface CustomerFormValues {
  kind: CustomerKind;
  name: string;
  phone: string;
  email: string;
}

export const CUSTOMER_FORM_FIELDS = ['kind', 'name', 'phone', 'email'] as const;
export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number];

export const valuesOf = (customer: EditableCustomer | undefined): CustomerFormValues => ({
  kind: customer?.kind ?? 'INDIVIDUAL',
  name: customer?.name ?? '',
  // Sent back as it was typed, so that saving other fields does not rewrite how the number is displayed.
  phone: customer?.phoneAsTyped ?? customer?.phone ?? '',
  email: customer?.email ?? '',
});

const noErrors: FormErrors<CustomerFormField> = { fields: {}, general: [] };

/** The message the customer's page shows after saving. */
function savedNotice(editing: boolean, isNew: boolean): string {
  if (editing) return 'Changes saved.';
  if (isNew) return 'Customer created.';
  return 'A customer with this phone number already existed: this is their record, and the details you entered were saved to it.';
}

/**
 * Saves through `upsertCustomer`. Server errors land on the field they name;
 * a stale `version` (someone saved in between) is a conflict the page offers
 * to resolve by reloading.
 */
export function useCustomerForm(existing: EditableCustomer | undefined) {
  const [values, setValues] = useState(() => valuesOf(existing));
  const [errors, setErrors] = useState(noErrors);
  const [conflict, setConflict] = useState(false);
  const [upsert, { loading: saving }] = useMutation(UPSERT_CUSTOMER_MUTATION, {
    // A new customer belongs somewhere in every customers list: let them load again.
    update: (cache, { data }) => {
      if (data?.upsertCustomer.isNew) {
        cache.evict({ id: 'ROOT_QUERY', fieldName: 'customers' });
        cache.gc();
      }
    },
  });

  const change = (field: CustomerFormField, value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = async () => {
    setErrors(noErrors);
    setConflict(false);
    try {
      const { data } = await upsert({
        variables: {
          input: {
            phone: values.phone.trim(),
            name: values.name.trim(),
            kind: values.kind,
            email: values.email.trim() || null,
            ...(existing ? { version: existing.version } : {}),
          },
        },
      });
      if (!data) return;
      const { customer, isNew } = data.upsertCustomer;
      navigate(paths.customer(customer.id), { state: { notice: savedNotice(Boolean(existing), isNew) } });
    } catch (error) {
      if (existing && hasErrorCode(error, 'CONFLICT')) setConflict(true);
      else setErrors(formErrors(error, CUSTOMER_FORM_FIELDS));
    }
  };

  return { values, change, errors, conflict, dismissConflict: () => setConflict(false), saving, submit };
}
