import { DemoHistory, type EntityManager } from '@c360/kit';
import { CustomerAddress } from './modules/address/address.entity.ts';
import { addressSnapshot } from './modules/address/address.service.ts';
import { Contact } from './modules/contact/contact.entity.ts';
import { contactSnapshot } from './modules/contact/contact.service.ts';
import { Customer } from './modules/customer/customer.entity.ts';
import { customerFields } from './modules/customer/customer.fields.ts';
import { EmailMessage } from './modules/email/email.entity.ts';
import { emailSnapshot } from './modules/email/email.service.ts';
import { LifeEvent } from './modules/life-event/life-event.entity.ts';
import { lifeEventSnapshot } from './modules/life-event/life-event.service.ts';
import { Note } from './modules/note/note.entity.ts';
import { noteSnapshot } from './modules/note/note.service.ts';
import { PartnerLink } from './modules/partner/partner.entity.ts';
import { partnerSnapshot } from './modules/partner/partner.service.ts';
import { createdEvent } from './modules/shared/customer-write.ts';
import { RECORD_KINDS, type RecordKind, type Snapshot } from './modules/shared/record-kinds.ts';
import { Suspension } from './modules/status/suspension.entity.ts';
import { deactivatedEvent, reactivatedEvent, suspendedEvent } from './modules/status/status.service.ts';

/** The rows one demo seed inserted (as the database returned them), by table. */
export interface InsertedDemoRows {
  customer: Record<string, unknown>[];
  contact: Record<string, unknown>[];
  customer_address: Record<string, unknown>[];
  partner_link: Record<string, unknown>[];
  life_event: Record<string, unknown>[];
  email_message: Record<string, unknown>[];
  note: Record<string, unknown>[];
  suspension: Record<string, unknown>[];
}

/**
 * The events the demo records would have produced had they been entered
 * through the API, each at the time its row says it happened: a customer's
 * creation (ACTIVE, as every customer starts), its contacts, addresses,
 * partners, life events, e-mails and notes, its suspensions and their lifting,
 * its deactivation. Only rows this seed inserted count, so a rerun records nothing.
 */
export async function recordDemoHistory(em: EntityManager, tenantId: string, rows: InsertedDemoRows): Promise<void> {
  const history = new DemoHistory(em, 'customers', tenantId);
  const created = <E extends { id: string; customerId: string }>(kind: RecordKind, list: E[], snapshot: (record: E) => Snapshot, time: (record: E) => Date) => {
    for (const record of list) history.add(createdEvent(kind, record.customerId, record.id, snapshot(record)), time(record));
  };

  const customers = new Map(history.entities(Customer, rows.customer).map((customer) => [customer.id, customer]));
  for (const customer of customers.values()) {
    history.add(createdEvent(RECORD_KINDS.customer, customer.id, customer.id, { ...customerFields(customer), status: 'ACTIVE' }), customer.createdAt);
    if (customer.status === 'INACTIVE') history.add(deactivatedEvent(customer, 'ACTIVE', null, null), customer.deactivatedAt);
  }
  created(RECORD_KINDS.contact, history.entities(Contact, rows.contact), contactSnapshot, (contact) => contact.createdAt);
  created(RECORD_KINDS.address, history.entities(CustomerAddress, rows.customer_address), addressSnapshot, (address) => address.createdAt);
  created(RECORD_KINDS.partner, history.entities(PartnerLink, rows.partner_link), partnerSnapshot, (link) => link.createdAt);
  created(RECORD_KINDS.lifeEvent, history.entities(LifeEvent, rows.life_event), lifeEventSnapshot, (event) => event.createdAt);
  created(RECORD_KINDS.email, history.entities(EmailMessage, rows.email_message), emailSnapshot, (message) => message.sentAt);
  created(RECORD_KINDS.note, history.entities(Note, rows.note), noteSnapshot, (note) => note.createdAt);
  for (const suspension of history.entities(Suspension, rows.suspension)) {
    const customer = customers.get(suspension.customerId);
    if (!customer) continue;
    // As it was when it began: the lifting is an event of its own.
    const inForce = { ...suspension, liftedAt: null, liftedBy: null, liftNote: null };
    history.add(suspendedEvent({ ...customer, status: 'SUSPENDED' }, inForce), suspension.suspendedAt);
    history.add(reactivatedEvent({ ...customer, status: 'ACTIVE' }, 'SUSPENDED', suspension), suspension.liftedAt);
  }
  await history.record();
}
