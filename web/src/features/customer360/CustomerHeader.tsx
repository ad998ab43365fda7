import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import { label } from '../../shared/labels.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import type { Customer360 } from './operations.ts';

export function CustomerHeader({ customer }: { customer: Customer360 }) {
  return (
    <header className="customer-header">
      {customer.status === 'SUSPENDED' && (
        <p className="banner banner-bad"><strong>Suspended.</strong> This customer’s account is suspended.</p>
      )}
      <div className="page-header">
        <div>
          <h1>{customer.name}</h1>
          <p className="subtitle">
            {label(customer.kind)} · <StatusBadge value={customer.status} />
          </p>
        </div>
        <Link className="button" to={paths.editCustomer(customer.id)}>Edit</Link>
      </div>
    </header>
  );
}
