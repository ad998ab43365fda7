import { formatDate, formatDateTime } from '../../shared/dates.ts';
import { Facts } from '../../shared/Facts.tsx';
import { formatPhone } from '../../shared/phone.ts';
import { Section } from '../../shared/Section.tsx';
import type { Customer360 } from './operations.ts';

const phoneLink = (phone: string | null) => phone && <a href={`tel:${phone}`}>{formatPhone(phone)}</a>;

/** The customer's own record: how to reach them and, for a company, its legal data. */
export function ContactCard({ customer, unavailable }: { customer: Customer360; unavailable: string | undefined }) {
  const company = customer.kind === 'COMPANY';
  return (
    <Section title="Contact" unavailable={unavailable}>
      <Facts facts={[
        ['Phone', phoneLink(customer.phone) || '—'],
        ['Phone as typed', customer.phoneAsTyped],
        ['Mobile', phoneLink(customer.mobile)],
        ['E-mail', customer.email && <a href={`mailto:${customer.email}`}>{customer.email}</a>],
        ['Web site', customer.website && <a href={customer.website} target="_blank" rel="noreferrer">{customer.website}</a>],
        ['Language', customer.preferredLanguage],
        ['Sales rep', customer.salesRep],
        ['Company name', company && customer.companyName],
        ['Legal form', company && customer.legalForm],
        ['Registration no.', customer.registrationNumber],
        ['Tax no.', customer.taxNumber],
        ['Sector', company && customer.sector],
        ['Employees', company && customer.headcount],
        ['First contact', customer.firstContactOn && formatDate(customer.firstContactOn)],
        ['Last activity', customer.lastActivityAt ? formatDateTime(customer.lastActivityAt) : 'None yet'],
        ['Customer since', formatDateTime(customer.createdAt)],
        ['External id', customer.externalId && <span className="mono">{customer.externalId}</span>],
        ['Remarks', customer.remarks],
      ]} />
    </Section>
  );
}
