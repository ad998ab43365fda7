import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import type { CustomerListItemFragment, CustomersQuery } from '../../generated/graphql.ts';
import { ConnectionTable, type Column } from '../../shared/ConnectionTable.tsx';
import { label } from '../../shared/labels.ts';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { formatPhone } from '../../shared/phone.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { hasFilters, type CustomerListParams } from './list-params.ts';

const COLUMNS: Column<CustomerListItemFragment>[] = [
  // Who they are in one cell (kind and tags under the name), so that the figures on the right stay in view on a tablet.
  {
    header: 'Customer',
    wrap: true,
    cell: (customer) => (
      <>
        <Link to={paths.customer(customer.id)}>{customer.name}</Link>
        <span className="cell-detail">
          {label(customer.kind)}, {label(customer.category).toLowerCase()}
          {customer.tags.map((tag) => <span key={tag} className="badge badge-tag">{tag}</span>)}
        </span>
      </>
    ),
  },
  { header: 'Phone', cell: (customer) => (customer.phone ? formatPhone(customer.phone) : '—') },
  { header: 'Status', cell: (customer) => <StatusBadge value={customer.status} /> },
  { header: 'Balance', numeric: true, cell: (customer) => (customer.balance ? <MoneyText money={customer.balance} credit /> : '—') },
  { header: 'Locations', numeric: true, cell: (customer) => customer.locations?.length ?? '—' },
  { header: 'Open tickets', numeric: true, cell: (customer) => customer.openTicketCount ?? '—' },
];

/** "Customers matching “tremb”, suspended, tagged vip": what the shown list answers. */
function describeList(params: CustomerListParams): string {
  const parts = [params.search ? `Customers matching “${params.search}”` : 'Customers'];
  if (params.kind) parts.push(label(params.kind).toLowerCase());
  if (params.category) parts.push(label(params.category).toLowerCase());
  if (params.status) parts.push(label(params.status).toLowerCase());
  if (params.tag) parts.push(`tagged ${params.tag}`);
  return parts.join(', ');
}

interface CustomersTableProps {
  customers: CustomersQuery['customers'];
  load: () => Promise<unknown>;
  params: CustomerListParams;
}

export function CustomersTable({ customers, load, params }: CustomersTableProps) {
  const narrowed = params.search || hasFilters(params);
  return (
    <ConnectionTable
      caption={describeList(params)}
      columns={COLUMNS}
      connection={customers}
      noun="customers"
      load={load}
      empty={narrowed ? 'No customer matches this search and these filters.' : 'No customers yet.'}
    />
  );
}
