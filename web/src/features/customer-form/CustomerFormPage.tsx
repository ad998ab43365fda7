import { NetworkStatus } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { usePageTitle } from '../../shared/usePageTitle.ts';
import { CustomerForm } from './CustomerForm.tsx';
import { CUSTOMER_FOR_EDIT_QUERY, REQUIRED_FIELDS_QUERY } from './operations.ts';

/** `/customers/new` without an id, `/customers/:id/edit` with one. */
export function CustomerFormPage({ id }: { id?: string }) {
  usePageTitle(id ? 'Edit customer' : 'New customer');
  // Read afresh: the form must start from the current version, not one cached before someone else saved.
  const { data, error, loading, networkStatus, refetch } = useQuery(CUSTOMER_FOR_EDIT_QUERY,
    id ? { variables: { id }, fetchPolicy: 'network-only', notifyOnNetworkStatusChange: true } : skipToken);
  // Without the settings the form still works: the server refuses what the tenant requires, on the field.
  const settings = useQuery(REQUIRED_FIELDS_QUERY, { errorPolicy: 'ignore' });
  const requiredFields = settings.data?.tenantSettings.requiredFields ?? [];

  if (settings.loading || (id && loading && !data)) return <p aria-live="polite">Loading…</p>;
  if (!id) {
    return (
      <>
        <h1>New customer</h1>
        <CustomerForm requiredFields={requiredFields} />
      </>
    );
  }
  if (error) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  const customer = data?.customer;
  if (!customer) return <p className="empty">There is no such customer in this tenant.</p>;
  return (
    <>
      <h1>Edit {customer.name}</h1>
      {/* A new version (after "reload") starts the form afresh from it. */}
      <CustomerForm key={customer.version} existing={customer} requiredFields={requiredFields} onReload={() => void refetch()}
        reloading={networkStatus === NetworkStatus.refetch} />
    </>
  );
}
