import { useState } from 'react';
import { Link } from '../../app/Link.tsx';
import { navigate } from '../../app/router.ts';
import { paths } from '../../app/routes.ts';
import { useLocation } from '../../app/useLocation.ts';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { describeError } from '../../shared/graphql-errors.ts';
import { plural } from '../../shared/plural.ts';
import { usePageTitle } from '../../shared/usePageTitle.ts';
import { CustomerFilters } from './CustomerFilters.tsx';
import { CustomersTable } from './CustomersTable.tsx';
import { parseListParams, type CustomerListParams } from './list-params.ts';
import { useCustomerList } from './useCustomerList.ts';

export function CustomersPage() {
  usePageTitle('Customers');
  const location = useLocation();
  const [params, setParams] = useState(() => parseListParams(location.search));
  const { customers, shownParams, loading, error, retry, loadMore } = useCustomerList(params);

  const change = (next: CustomerListParams) => {
    setParams(next);
    // The search and filters live in the address so that "back" from a customer returns to the same list.
    navigate(paths.customers(next), { replace: true });
  };

  return (
    <>
      <div className="page-header">
        <h1>Customers</h1>
        <Link className="button primary" to={paths.newCustomer()}>New customer</Link>
      </div>
      <form role="search" className="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="customer-search">Search customers</label>
        <input
          id="customer-search"
          type="search"
          value={params.search}
          placeholder="Name, company, e-mail or part of a phone number"
          autoComplete="off"
          autoFocus
          onChange={(event) => change({ ...params, search: event.target.value })}
        />
        <span className="search-state" aria-live="polite">{loading ? 'Searching…' : customers && plural(customers.totalCount, 'customer')}</span>
      </form>
      <CustomerFilters params={params} onChange={change} />
      {error && !customers && <ErrorBox error={error} onRetry={retry} />}
      {error && customers && <p className="error-box" role="status">Some columns could not be loaded: {describeError(error)}</p>}
      {customers && <CustomersTable customers={customers} load={loadMore} params={shownParams} />}
    </>
  );
}
