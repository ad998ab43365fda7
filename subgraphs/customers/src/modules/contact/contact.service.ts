import { badInput, newId } from '@c360/kit';
import { Contact } from './contact.entity.ts';
import type { Customer } from '../customer/customer.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import type { CustomerWrite, RecordInput, RecordSpec } from '../shared/customer-write.ts';
import { email, line, phone, requiredLine, text } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';
import { clearFlag, promoteIfNone, type FlaggedGroup } from '../shared/single-flag.ts';

export interface NewContactInput {
  name: string;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  /** The first contact is the principal whatever this says. */
  isPrincipal?: boolean | null;
  externalId?: string | null;
}

export interface AddContactInput extends NewContactInput {
  customerId: string;
}

export interface UpdateContactInput extends RecordInput {
  name?: string | null;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  isPrincipal?: boolean | null;
}

type ContactValues = Partial<Pick<Contact, 'name' | 'role' | 'phone' | 'phoneRaw' | 'email' | 'notes' | 'externalId'>>;

/** Most current contacts one customer may have. */
export const MAX_CONTACTS = 100;

const CONTACTS: RecordSpec<Contact> = { entity: Contact, what: 'Contact', kind: RECORD_KINDS.contact, snapshot: contactSnapshot };
const PRINCIPAL: FlaggedGroup<Contact> = { kind: RECORD_KINDS.contact, flag: 'isPrincipal', snapshot: contactSnapshot };

export class ContactService extends CustomersService {
  /** The customer's current contacts, the principal first, then oldest first. */
  ofCustomer(customerId: string): Promise<Contact[]> {
    return this.loaders.contactsByCustomer.load(customerId);
  }

  async principalOf(customerId: string): Promise<Contact | null> {
    return (await this.ofCustomer(customerId)).find((contact) => contact.isPrincipal) ?? null;
  }

  async add(input: AddContactInput): Promise<{ contact: Contact }> {
    const contact = await this.validateNew(input, 'input');
    return this.write(async (write) => {
      const customer = await write.lockCustomer(input.customerId, 'input.customerId');
      const [created] = await insertContacts(write, customer, [contact], 'input');
      return { contact: created! };
    });
  }

  /** Changes a contact; making it the principal takes the flag from the previous one. */
  async update(input: UpdateContactInput): Promise<{ contact: Contact }> {
    if (input.isPrincipal === false) throw badInput('input.isPrincipal', 'cannot be unset; make another contact the principal instead');
    if (input.name === null) throw badInput('input.name', 'must not be null');
    const values = await this.validateFields(input, 'input');
    return this.write(async (write) => {
      const { record } = await write.change(CONTACTS, input, async (contact, customer) => {
        if (input.isPrincipal && !contact.isPrincipal) await clearFlag(write, PRINCIPAL, await currentContacts(write, customer), contact);
        write.tx.assign(contact, { ...values, ...(input.isPrincipal ? { isPrincipal: true } : {}) });
      });
      return { contact: record };
    });
  }

  /** Takes a contact out of the customer's current contacts; a removed principal passes the flag to the oldest one left. */
  remove(input: RecordInput): Promise<{ contact: Contact }> {
    return this.write(async (write) => {
      const { record, customer } = await write.remove(CONTACTS, input, (contact) => {
        contact.isPrincipal = false;
      });
      await promoteIfNone(write, PRINCIPAL, (await currentContacts(write, customer)).filter((contact) => contact !== record));
      return { contact: record };
    });
  }

  /** A new contact's values; also used for the contacts of a new customer. */
  async validateNew(input: NewContactInput, field: string): Promise<NewContact> {
    return {
      ...(await this.validateFields({ ...input, externalId: input.externalId ?? null }, field)),
      name: requiredLine(input.name, `${field}.name`),
      isPrincipal: input.isPrincipal ?? null,
    };
  }

  private async validateFields(input: Omit<UpdateContactInput, 'id' | 'version'> & { externalId?: string | null }, field: string): Promise<ContactValues> {
    const values: ContactValues = {};
    if (input.name !== undefined) values.name = requiredLine(input.name, `${field}.name`);
    if (input.role !== undefined) values.role = line(input.role, `${field}.role`);
    if (input.phone !== undefined) {
      const parsed = phone(input.phone, `${field}.phone`, (await this.settings.get()).defaultCountry);
      values.phone = parsed?.e164 ?? null;
      values.phoneRaw = parsed?.raw ?? null;
    }
    if (input.email !== undefined) values.email = email(input.email, `${field}.email`);
    if (input.notes !== undefined) values.notes = text(input.notes, `${field}.notes`);
    if (input.externalId !== undefined) values.externalId = line(input.externalId, `${field}.externalId`, 100);
    return values;
  }
}

export type NewContact = ContactValues & { name: string; isPrincipal: boolean | null };

/** Adds contacts to a locked customer (also used when creating one); the first contact becomes the principal. */
export async function insertContacts(write: CustomerWrite, customer: Customer, contacts: NewContact[], field: string): Promise<Contact[]> {
  const current = contacts.length > 0 ? await currentContacts(write, customer) : [];
  if (current.length + contacts.length > MAX_CONTACTS) throw badInput(field, `a customer has at most ${MAX_CONTACTS} contacts`);
  const created: Contact[] = [];
  for (const { isPrincipal: asked, ...values } of contacts) {
    const isPrincipal = asked === true || current.length === 0;
    if (isPrincipal) await clearFlag(write, PRINCIPAL, current, null);
    const record = write.tx.create(Contact, { id: newId(), tenantId: write.tenantId, customerId: customer.id, ...values, isPrincipal });
    await write.tx.flush();
    write.created(RECORD_KINDS.contact, customer.id, record.id, contactSnapshot(record));
    current.push(record);
    created.push(record);
  }
  return created;
}

function currentContacts(write: CustomerWrite, customer: Customer): Promise<Contact[]> {
  return write.tx.find(Contact, { customerId: customer.id, removedAt: null }, { orderBy: { createdAt: 'ASC', id: 'ASC' } });
}

export function contactSnapshot(contact: Contact): Snapshot {
  return {
    name: contact.name,
    role: contact.role ?? null,
    phone: contact.phone ?? null,
    email: contact.email ?? null,
    notes: contact.notes ?? null,
    isPrincipal: contact.isPrincipal,
    externalId: contact.externalId ?? null,
  };
}
