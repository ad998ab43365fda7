import { Link } from '../../app/Link.tsx';
import { paths } from '../../app/routes.ts';
import type {
  ChangeFieldsFragment, ContactFieldsFragment, CustomerAddressFieldsFragment, EmailFieldsFragment, LifeEventFieldsFragment, PartnerFieldsFragment,
  TimelineEntryFieldsFragment,
} from '../../generated/graphql.ts';
import { addressLines } from '../../shared/address.ts';
import type { Column } from '../../shared/DataTable.tsx';
import { formatDate, formatDateTime } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';
import { formatPhone } from '../../shared/phone.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { partnerView } from './partners.ts';
import { activityKindLabel, activityKindOf } from './timeline.ts';

/** The columns of the customers subgraph's lists on the 360 page. */

export const CONTACT_COLUMNS: Column<ContactFieldsFragment>[] = [
  { header: 'Name', cell: (contact) => <>{contact.name}{contact.isPrincipal && <> <span className="badge badge-neutral">Principal</span></>}</> },
  { header: 'Role', cell: (contact) => contact.role ?? '—' },
  { header: 'Phone', cell: (contact) => (contact.phone ? <a href={`tel:${contact.phone}`}>{formatPhone(contact.phone)}</a> : '—') },
  { header: 'E-mail', cell: (contact) => (contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—') },
  { header: 'Notes', wrap: true, cell: (contact) => contact.notes ?? '' },
];

export const ADDRESS_COLUMNS: Column<CustomerAddressFieldsFragment>[] = [
  { header: 'Type', cell: (address) => label(address.type) + (address.isDefault ? ' (default)' : '') },
  { header: 'Address', wrap: true, cell: (address) => addressLines(address.address).join(', ') },
  { header: 'Label', cell: (address) => address.label ?? '' },
];

/** Partner columns for one customer: a link reads differently from each of its two sides. */
export const partnerColumns = (customerId: string): Column<PartnerFieldsFragment>[] => [
  {
    header: 'Partner',
    cell: (link) => {
      const { partner } = partnerView(link, customerId);
      return partner.id ? <Link to={paths.customer(partner.id)}>{partner.name}</Link> : partner.name;
    },
  },
  { header: 'Relationship', wrap: true, cell: (link) => partnerView(link, customerId).relation },
  { header: 'Note', wrap: true, cell: (link) => link.note ?? '' },
];

export const LIFE_EVENT_COLUMNS: Column<LifeEventFieldsFragment>[] = [
  { header: 'Date', cell: (event) => formatDate(event.occursOn) + (event.recursYearly ? ' (yearly)' : '') },
  { header: 'Event', wrap: true, cell: (event) => label(event.kind) + (event.title ? `: ${event.title}` : '') },
  { header: 'Notes', wrap: true, cell: (event) => event.notes ?? '' },
];

export const EMAIL_COLUMNS: Column<EmailFieldsFragment>[] = [
  { header: 'Sent', cell: (email) => formatDateTime(email.sentAt) },
  { header: 'Direction', cell: (email) => (email.direction === 'INBOUND' ? 'Received' : 'Sent') },
  { header: 'Subject', wrap: true, cell: (email) => email.subject || '(no subject)' },
  { header: 'From', cell: (email) => email.from },
  { header: 'To', wrap: true, cell: (email) => email.to.join(', ') },
  { header: 'Excerpt', wrap: true, cell: (email) => <span className="excerpt">{email.excerpt ?? ''}</span> },
];

export const CHANGE_COLUMNS: Column<ChangeFieldsFragment>[] = [
  { header: 'When', cell: (change) => formatDateTime(change.changedAt) },
  // A record's fields come prefixed (`note.pinned`); the customer's own are bare (`status`).
  { header: 'What', cell: (change) => (change.field.includes('.') ? change.field : `${label(change.entityType)} · ${change.field}`) },
  { header: 'Change', cell: (change) => <StatusBadge value={change.action} /> },
  { header: 'Before', wrap: true, cell: (change) => <span className="mono">{change.before ?? '—'}</span> },
  { header: 'After', wrap: true, cell: (change) => <span className="mono">{change.after ?? '—'}</span> },
  { header: 'By', cell: (change) => change.changedBy },
];

export const TIMELINE_COLUMNS: Column<TimelineEntryFieldsFragment>[] = [
  { header: 'When', cell: (entry) => formatDateTime(entry.occurredAt) },
  {
    header: 'Area',
    cell: (entry) => {
      const kind = activityKindOf(entry.type);
      return kind ? activityKindLabel(kind) : label(entry.domain);
    },
  },
  // The summary names the automation rule that acted; the badge makes such entries easy to spot.
  { header: 'What happened', wrap: true, cell: (entry) => <>{entry.summary}{entry.automation && <> <span className="badge badge-neutral">Automatic</span></>}</> },
];
