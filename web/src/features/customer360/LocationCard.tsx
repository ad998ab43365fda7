import { addressLines } from '../../shared/address.ts';
import { ConnectionTable } from '../../shared/ConnectionTable.tsx';
import { DataTable } from '../../shared/DataTable.tsx';
import { formatDate } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';
import { Section } from '../../shared/Section.tsx';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { EquipmentStrip } from './EquipmentStrip.tsx';
import { SUBSCRIPTION_COLUMNS } from './money-columns.tsx';
import { IP_COLUMNS, VOIP_LINE_COLUMNS } from './service-columns.tsx';
import { TICKET_COLUMNS } from './support-columns.tsx';
import type { LocationItem, LocationListField } from './operations.ts';

interface LocationCardProps {
  location: LocationItem;
  /** Set when support failed: the location shows, its tickets say they are unavailable. */
  ticketsUnavailable: string | undefined;
  /** Set when billing failed: the location shows, its subscriptions say they are unavailable. */
  subscriptionsUnavailable: string | undefined;
  moreAtLocation: (location: LocationItem, field: LocationListField) => () => Promise<unknown>;
}

function attachmentText(attachment: LocationItem['networkAttachment']): string {
  if (!attachment) return 'Network attachment not recorded';
  return `${attachment.oltName}, port ${attachment.oltPort}${attachment.ontId === null ? '' : `, ONT ${attachment.ontId}`}`;
}

/** One service address: how it is connected, what is installed, its phone lines, what is billed and asked there. */
export function LocationCard({ location, ticketsUnavailable, subscriptionsUnavailable, moreAtLocation }: LocationCardProps) {
  const [street, city] = addressLines(location.address);
  return (
    <Section title={`${street}, ${city}`} level={3} className="location" summary={<StatusBadge value={location.status} />}>
      <p className="subtitle">
        {label(location.connectionType)} · {attachmentText(location.networkAttachment)}
        {location.installedAt && <> · installed {formatDate(location.installedAt)}</>}
      </p>
      <h4>Equipment</h4>
      <EquipmentStrip equipment={location.equipment} />
      <h4>Phone lines</h4>
      <DataTable caption={`Phone lines at ${street}`} columns={VOIP_LINE_COLUMNS} rows={location.voipLines} rowKey={(line) => line.id} empty="No phone lines." />
      <h4>Subscriptions</h4>
      {subscriptionsUnavailable
        ? <p className="error-box" role="alert">{subscriptionsUnavailable}</p>
        : <DataTable caption={`Subscriptions at ${street}`} columns={SUBSCRIPTION_COLUMNS} rows={location.subscriptions ?? []} rowKey={(row) => row.id} empty="No subscriptions here." />}
      <h4>Tickets about this location</h4>
      {ticketsUnavailable
        ? <p className="error-box" role="alert">{ticketsUnavailable}</p>
        : location.tickets && (
          <ConnectionTable caption={`Tickets about ${street}`} columns={TICKET_COLUMNS} connection={location.tickets} noun="tickets"
            load={moreAtLocation(location, 'tickets')} empty="No tickets." />
        )}
      <h4>IP addresses</h4>
      <ConnectionTable caption={`IP addresses at ${street}, most recent first`} columns={IP_COLUMNS} connection={location.ipHistory} noun="IP addresses"
        load={moreAtLocation(location, 'ipHistory')} empty="No IP addresses assigned." />
    </Section>
  );
}
