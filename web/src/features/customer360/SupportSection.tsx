import { plural } from '../../shared/plural.ts';
import { Section } from '../../shared/Section.tsx';
import { formatHours } from './hours.ts';
import { ListSection } from './ListSection.tsx';
import { TICKET_COLUMNS, WORK_ORDER_COLUMNS } from './support-columns.tsx';
import type { Customer360 } from './operations.ts';
import type { LoadMore } from './useCustomer360.ts';

interface SupportSectionProps {
  customer: Customer360;
  unavailable: string | undefined;
  more: LoadMore;
}

export function SupportSection({ customer, unavailable, more }: SupportSectionProps) {
  const open = customer.openTicketCount;
  const hours = customer.technicianHours;
  return (
    <Section title="Support" summary={open !== null && `${open} open`} unavailable={unavailable}>
      <p>
        {open !== null && (open === 0 ? 'No open tickets.' : `${plural(open, 'open ticket')}.`)}
        {!!hours && ` Technicians spent ${formatHours(hours)} at this customer’s.`}
      </p>
      <ListSection title="Tickets" caption="All tickets, newest first" columns={TICKET_COLUMNS} connection={customer.tickets}
        noun="tickets" load={more('tickets')} empty="No tickets." />
      <ListSection title="Work orders" caption="Work orders, newest first" columns={WORK_ORDER_COLUMNS} connection={customer.workOrders}
        noun="work orders" load={more('workOrders')} empty="No work orders." />
    </Section>
  );
}
