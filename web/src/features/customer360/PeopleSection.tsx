import { DataTable } from '../../shared/DataTable.tsx';
import { plural } from '../../shared/plural.ts';
import { Section } from '../../shared/Section.tsx';
import { ADDRESS_COLUMNS, CONTACT_COLUMNS, partnerColumns } from './record-columns.tsx';
import type { Customer360 } from './operations.ts';

const byId = (row: { id: string }) => row.id;

/** Who to talk to at the customer, where they are, and who they are linked to. */
export function PeopleSection({ customer }: { customer: Customer360 }) {
  const { contacts, addresses, partners } = customer;
  return (
    <Section title="Contacts and addresses" summary={`${plural(contacts.length, 'contact')} · ${plural(addresses.length, 'address', 'addresses')}`}>
      <Section title="Contacts" level={3} summary={contacts.length}>
        <DataTable caption="Contacts, principal first" columns={CONTACT_COLUMNS} rows={contacts} rowKey={byId} empty="No contacts." />
      </Section>
      <Section title="Addresses" level={3} summary={addresses.length}>
        <DataTable caption="Addresses" columns={ADDRESS_COLUMNS} rows={addresses} rowKey={byId} empty="No addresses." />
      </Section>
      <Section title="Partners" level={3} summary={partners.length}>
        <DataTable caption="Partners" columns={partnerColumns(customer.id)} rows={partners} rowKey={byId} empty="No partners." />
      </Section>
    </Section>
  );
}
