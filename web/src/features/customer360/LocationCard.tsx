import { addressLines } from '../../shared/address.ts';
import { formatDate } from '../../shared/dates.ts';
import { label } from '../../shared/labels.ts';
import { StatusBadge } from '../../shared/StatusBadge.tsx';
import { EquipmentStrip } from './EquipmentStrip.tsx';
import type { LocationItem } from './operations.ts';
import { TicketsTable } from './TicketsTable.tsx';

interface LocationCardProps {
  location: LocationItem;
  /** Set when support failed: the location shows, its tickets say they are unavailable. */
  ticketsUnavailable: string | undefined;
  loadMoreTickets: (location: LocationItem) => Promise<unknown>;
}

export function LocationCard({ location, ticketsUnavailable, loadMoreTickets }: LocationCardProps) {
  const [street, city] = addressLines(location.address);
  return (
    <article className="location">
      <h3>{street}<span className="location-city">{city}</span></h3>
      <p className="subtitle">
        {label(location.connectionType)} · <StatusBadge value={location.status} />
        {location.installedAt && <> · installed {formatDate(location.installedAt)}</>}
      </p>
      <EquipmentStrip equipment={location.equipment} />
      <h4>Tickets about this location</h4>
      {ticketsUnavailable
        ? <p className="error-box" role="alert">{ticketsUnavailable}</p>
        : location.tickets && <TicketsTable tickets={location.tickets} load={() => loadMoreTickets(location)} caption={`Tickets about ${street}`} />}
    </article>
  );
}
