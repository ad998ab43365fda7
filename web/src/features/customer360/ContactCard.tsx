import { formatDateTime } from '../../shared/dates.ts';
import { formatPhone } from '../../shared/phone.ts';
import { Section } from '../../shared/Section.tsx';
import type { Customer360 } from './operations.ts';

export function ContactCard({ customer, unavailable }: { customer: Customer360; unavailable: string | undefined }) {
  return (
    <Section title="Contact" unavailable={unavailable}>
      <dl className="facts">
        <dt>Phone</dt>
        <dd>{customer.phone ? <a href={`tel:${customer.phone}`}>{formatPhone(customer.phone)}</a> : '—'}</dd>
        <dt>Phone as typed</dt>
        <dd>{customer.phoneAsTyped ?? '—'}</dd>
        <dt>E-mail</dt>
        <dd>{customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : '—'}</dd>
        <dt>Last activity</dt>
        <dd>{customer.lastActivityAt ? formatDateTime(customer.lastActivityAt) : 'None yet'}</dd>
        <dt>Customer since</dt>
        <dd>{formatDateTime(customer.createdAt)}</dd>
      </dl>
    </Section>
  );
}
