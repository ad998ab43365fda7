import { Section } from '../../shared/Section.tsx';
import { LocationCard } from './LocationCard.tsx';
import type { Customer360, LocationItem, LocationListField } from './operations.ts';

interface LocationsSectionProps {
  customer: Customer360;
  unavailable: string | undefined;
  ticketsUnavailable: string | undefined;
  subscriptionsUnavailable: string | undefined;
  /** Why devices show no live status, when the ACS could not be asked. */
  liveStatusNote: string | undefined;
  moreAtLocation: (location: LocationItem, field: LocationListField) => () => Promise<unknown>;
}

export function LocationsSection({ customer, unavailable, liveStatusNote, ...card }: LocationsSectionProps) {
  const locations = customer.locations ?? [];
  return (
    <Section title="Locations" summary={customer.locations && `${locations.length}`} unavailable={unavailable}>
      {liveStatusNote && <p className="hint">{liveStatusNote}</p>}
      {locations.length === 0 && <p className="empty">No service locations.</p>}
      {locations.map((location) => <LocationCard key={location.id} location={location} {...card} />)}
    </Section>
  );
}
