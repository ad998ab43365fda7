import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import type { AddressPartsFragment, DidRowFieldsFragment } from '../../generated/graphql.ts';
import { addressLines } from '../../shared/address.ts';
import type { Column } from '../../shared/DataTable.tsx';
import { formatPhone } from '../../shared/phone.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';

const oneLine = (address: AddressPartsFragment) => addressLines(address).join(', ');

/** The columns of a DID report row (the DID report and the 911 audit). */
export const DID_COLUMNS: Column<DidRowFieldsFragment>[] = [
  { header: 'DID', cell: (row) => formatPhone(row.did) },
  { header: 'Customer', wrap: true, cell: (row) => (row.customer ? <Link to={paths.customer(row.customer.id)}>{row.customer.name}</Link> : '—') },
  { header: 'Line', cell: (row) => (row.line ? <StatusBadge value={row.line.status} /> : 'No active line') },
  { header: 'Service address', wrap: true, cell: (row) => (row.location ? oneLine(row.location.address) : '—') },
  { header: '911 address', wrap: true, cell: (row) => (row.e911 ? oneLine(row.e911.address) : 'No 911 record') },
  { header: '911 sync', cell: (row) => <span title={row.e911?.lastSyncError ?? undefined}><StatusBadge value={row.syncStatus} /></span> },
  { header: 'Finding', cell: (row) => (row.finding ? <StatusBadge value={row.finding} /> : '—') },
];
