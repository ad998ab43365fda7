import type { IpFieldsFragment, VoipLineFieldsFragment } from '../../generated/graphql.ts';
import { addressLines } from '../../shared/address.ts';
import type { Column } from '../../shared/DataTable.tsx';
import { formatDateTime } from '../../shared/dates.ts';
import { formatPhone } from '../../shared/phone.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { E911Badge } from './E911Badge.tsx';

/** The columns of service's lists on the 360 page. */

export const VOIP_LINE_COLUMNS: Column<VoipLineFieldsFragment>[] = [
  { header: 'Number', cell: (line) => formatPhone(line.did) },
  { header: 'Status', cell: (line) => <StatusBadge value={line.status} /> },
  { header: '911', cell: (line) => <E911Badge record={line.e911} /> },
  { header: '911 address', wrap: true, cell: (line) => (line.e911 ? addressLines(line.e911.address).join(', ') : 'None registered') },
  { header: 'Caller ID', cell: (line) => line.callerIdName ?? '—' },
  { header: 'Extension', cell: (line) => line.extension ?? '—' },
];

export const IP_COLUMNS: Column<IpFieldsFragment>[] = [
  { header: 'Address', cell: (ip) => <span className="mono">{ip.ip}</span> },
  { header: 'Assigned', cell: (ip) => formatDateTime(ip.assignedAt) },
  { header: 'Released', cell: (ip) => (ip.releasedAt ? formatDateTime(ip.releasedAt) : 'In use') },
];
