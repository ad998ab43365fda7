import { useState } from 'react';
import { Link } from '../../app/Link.tsx';
import { navigate } from '../../app/router.ts';
import { paths } from '../../app/routes.ts';
import { useLocation } from '../../app/useLocation.ts';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { usePageTitle } from '../../shared/usePageTitle.ts';
import { CustomersTable } from './CustomersTable.tsx';
import { useCustomerSearch } from './useCustomerSearch.ts';

export function CustomersPage() {
  usePageTitle('Customers');
  const location = useLocation();
  const [text, setText] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const { customers, search, searching, error, retry, loadMore } = useCustomerSearch(text);

  const onSearch = (value: string) => {
    setText(value);
    // The search lives in the URL so that "back" from a customer returns to the same results.
    navigate(paths.customers(value.trim()), { replace: true });
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
          value={text}
          placeholder="Name, e-mail or part of a phone number"
          autoComplete="off"
          autoFocus
          onChange={(event) => onSearch(event.target.value)}
        />
        <span className="search-state" aria-live="polite">{searching ? 'Searching…' : ''}</span>
      </form>
      {error && <ErrorBox error={error} onRetry={retry} />}
      {customers && <CustomersTable customers={customers} load={loadMore} search={search} />}
    </>
  );
}
