import { Section } from '../../shared/Section.tsx';
import { LocationCard } from './LocationCard.tsx';
import type { Customer360 } from './operations.ts';
import type { Customer360State } from './useCustomer360.ts';

interface LocationsSectionProps {
  customer: Customer360;
  unavailable: string | undefined;
  ticketsUnavailable: string | undefined;
  more: Customer360State['more'];
}

export function LocationsSection({ customer, unavailable, ticketsUnavailable, more }: LocationsSectionProps) {
  const locations = customer.locations ?? [];
  return (
    <Section title="Locations" summary={customer.locations && `${locations.length}`} unavailable={unavailable}>
      {locations.length === 0 && <p className="empty">No service locations.</p>}
      {locations.map((location) => (
        <LocationCard key={location.id} location={location} ticketsUnavailable={ticketsUnavailable} loadMoreTickets={more.locationTickets} />
      ))}
    </Section>
  );
}
