import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import { ConnectionTable, type Column } from '../../shared/ConnectionTable.tsx';
import type { Connection } from '../../shared/graph-types.ts';
import { MoneyText } from '../../shared/MoneyText.tsx';
import { formatPhone } from '../../shared/phone.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import type { CustomerListItem } from './operations.ts';

const COLUMNS: Column<CustomerListItem>[] = [
  { header: 'Name', wrap: true, cell: (customer) => <Link to={paths.customer(customer.id)}>{customer.name}</Link> },
  { header: 'Phone', cell: (customer) => (customer.phone ? formatPhone(customer.phone) : '—') },
  { header: 'Status', cell: (customer) => <StatusBadge value={customer.status} /> },
  { header: 'Balance', numeric: true, cell: (customer) => <MoneyText money={customer.balance} credit /> },
  { header: 'Locations', numeric: true, cell: (customer) => customer.locations.length },
  { header: 'Open tickets', numeric: true, cell: (customer) => customer.openTicketCount },
];

export function CustomersTable({ customers, load, search }: { customers: Connection<CustomerListItem>; load: () => Promise<unknown>; search: string }) {
  return (
    <ConnectionTable
      caption={search ? `Customers matching “${search}”` : 'Customers, newest first'}
      columns={COLUMNS}
      connection={customers}
      noun="customers"
      load={load}
      empty={search ? `No customer matches “${search}”.` : 'No customers yet.'}
    />
  );
}
