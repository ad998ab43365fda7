import { Section } from '../../shared/Section.tsx';
import type { Customer360 } from './operations.ts';
import { TicketsTable } from './TicketsTable.tsx';
import type { Customer360State } from './useCustomer360.ts';

interface SupportSectionProps {
  customer: Customer360;
  unavailable: string | undefined;
  more: Customer360State['more'];
}

export function SupportSection({ customer, unavailable, more }: SupportSectionProps) {
  const open = customer.openTicketCount;
  return (
    <Section title="Support" summary={open !== null && `${open} open`} unavailable={unavailable}>
      {open !== null && <p>{open === 0 ? 'No open tickets.' : `${open} open ticket${open === 1 ? '' : 's'}.`}</p>}
      {customer.tickets && <TicketsTable tickets={customer.tickets} load={more.tickets} caption="All tickets, newest first" />}
    </Section>
  );
}
