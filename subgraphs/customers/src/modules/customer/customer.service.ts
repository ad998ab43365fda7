import { LockMode } from '@mikro-orm/core';
import { badInput, conflict, newId, requireUuid, toE164, type PageArgs } from '@c360/kit';
import { Customer, type CustomerKind } from './customer.entity.ts';
import {
  checkRequiredOnCreate, checkRequiredOnUpdate, customerFields, validateCustomerFields, type CustomerFieldsInput,
} from './customer.fields.ts';
import { listCustomers, type CustomerConnection, type CustomerFilter, type CustomerSort } from './customer.list.ts';
import { insertAddresses, validateNewAddress, type NewAddressInput } from '../address/address.service.ts';
import { insertContacts, type ContactService, type NewContactInput } from '../contact/contact.service.ts';
import { CustomersService, UNIQUE_FIELDS, type CustomersScope } from '../shared/customers-service.ts';
import { checkVersion } from '../shared/customer-write.ts';
import { line } from '../shared/input.ts';
import { RECORD_KINDS } from '../shared/record-kinds.ts';

export interface UpsertCustomerInput {
  phone: string;
  name: string;
  kind?: CustomerKind | null;
  email?: string | null;
  taxNumber?: string | null;
  /** Only used when the call creates the customer (to satisfy a tenant that requires an address). */
  address?: NewAddressInput | null;
  version?: number | null;
}

export interface CreateCustomerInput extends CustomerFieldsInput {
  name: string;
  addresses?: NewAddressInput[] | null;
  contacts?: NewContactInput[] | null;
}

export interface UpdateCustomerInput extends CustomerFieldsInput {
  id: string;
  version: number;
}

/** Nested inputs of `createCustomer`: a duplicate is reported on the list that carried it. */
const CREATE_UNIQUE_FIELDS = {
  ...UNIQUE_FIELDS,
  contact_tenant_external_id_key: { field: 'input.contacts', message: 'Another contact of the tenant has one of these external ids' },
  customer_address_tenant_external_id_key: { field: 'input.addresses', message: 'Another address of the tenant has one of these external ids' },
};

export class CustomerService extends CustomersService {
  private readonly contacts: ContactService;

  constructor(scope: CustomersScope & { contacts: ContactService }) {
    super(scope);
    this.contacts = scope.contacts;
  }

  get(id: string): Promise<Customer | null> {
    return this.loaders.customerById.load(requireUuid(id, 'id'));
  }

  async byPhone(raw: string): Promise<Customer | null> {
    const phone = toE164(raw, (await this.settings.get()).defaultCountry);
    return this.em.findOne(Customer, { phone });
  }

  byExternalId(externalId: string): Promise<Customer | null> {
    const value = line(externalId, 'externalId', 100);
    return value ? this.em.findOne(Customer, { externalId: value }) : Promise.resolve(null);
  }

  list(args: PageArgs & { search?: string | null; filter?: CustomerFilter | null; sort?: CustomerSort | null }): Promise<CustomerConnection> {
    return listCustomers(this.em, this.tenantId, args);
  }

  /**
   * Creates a customer with its addresses and contacts in one transaction.
   * Fields the tenant requires must be there; a phone another customer has is a
   * CONFLICT on `input.phone` (the unique index decides under concurrency: use
   * `upsertCustomer` to find or update by phone instead).
   */
  async create(input: CreateCustomerInput): Promise<{ customer: Customer }> {
    const settings = await this.settings.get();
    const values = validateCustomerFields(input, settings, 'input');
    const addresses = (input.addresses ?? []).map((address, index) => validateNewAddress(address, `input.addresses[${index}]`));
    const contacts = await Promise.all((input.contacts ?? []).map((contact, index) => this.contacts.validateNew(contact, `input.contacts[${index}]`)));
    const kind = values.kind ?? 'INDIVIDUAL';
    checkRequiredOnCreate(settings, { ...values, kind, addressCount: addresses.length }, 'input');
    return this.write(async (write) => {
      const customer = write.tx.create(Customer, { id: newId(), tenantId: this.tenantId, ...values, kind, name: values.name! });
      await write.tx.flush();
      write.created(RECORD_KINDS.customer, customer.id, customer.id, customerFields(customer));
      await insertAddresses(write, customer, addresses, 'input.addresses');
      await insertContacts(write, customer, contacts, 'input.contacts');
      return { customer };
    }, CREATE_UNIQUE_FIELDS);
  }

  /** Changes the fields present in the input (null clears), if `version` is still current. */
  async update(input: UpdateCustomerInput): Promise<{ customer: Customer }> {
    const settings = await this.settings.get();
    const { id: _id, version: _version, ...fields } = input;
    const values = validateCustomerFields(fields, settings, 'input');
    return this.write(async (write) => {
      const customer = await write.lockCustomer(input.id, 'input.id');
      checkVersion(`Customer ${customer.id}`, customer.version, input.version, 'input.version');
      checkRequiredOnUpdate(settings, values, customer, 'input');
      const before = customerFields(customer);
      write.tx.assign(customer, values);
      await write.tx.flush();
      write.updated(RECORD_KINDS.customer, customer.id, customer.id, before, customerFields(customer), { version: customer.version });
      return { customer };
    });
  }

  /**
   * Finds the tenant's customer with this phone and updates it, or creates it.
   * Safe under concurrency: the insert relies on the unique (tenant, phone)
   * index and the update holds the row lock, so parallel calls for one new
   * phone create one customer and the others update it. Fields left out stay
   * as they are.
   */
  async upsert(input: UpsertCustomerInput): Promise<{ customer: Customer; isNew: boolean }> {
    const settings = await this.settings.get();
    const { address: addressInput, version, ...fields } = input;
    const values = validateCustomerFields(fields, settings, 'input');
    if (!values.phone) throw badInput('input.phone', 'must not be empty');
    const address = addressInput ? validateNewAddress(addressInput, 'input.address') : null;
    return this.write(async (write) => {
      // Two rounds at most: if the insert loses a race, the winner's row is there to lock.
      for (let round = 0; round < 2; round += 1) {
        const existing = await write.tx.findOne(Customer, { phone: values.phone }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        if (existing) {
          checkVersion('The customer', existing.version, version, 'version');
          const before = customerFields(existing);
          write.tx.assign(existing, values);
          await write.tx.flush();
          write.updated(RECORD_KINDS.customer, existing.id, existing.id, before, customerFields(existing), { version: existing.version });
          return { customer: existing, isNew: false };
        }
        const kind = values.kind ?? 'INDIVIDUAL';
        checkRequiredOnCreate(settings, { ...values, kind, addressCount: address ? 1 : 0 }, 'input', (name) => (name === 'addresses' ? 'address' : name));
        const [inserted] = await write.tx.execute<Record<string, unknown>[]>(
          `INSERT INTO customers.customer (id, tenant_id, kind, name, phone, phone_raw, email, tax_number)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant_id, phone) DO NOTHING
           RETURNING *`,
          [newId(), this.tenantId, kind, values.name, values.phone, values.phoneRaw, values.email ?? null, values.taxNumber ?? null],
        );
        if (inserted) {
          const customer = write.tx.map(Customer, inserted);
          write.created(RECORD_KINDS.customer, customer.id, customer.id, customerFields(customer));
          if (address) await insertAddresses(write, customer, [address], 'input.address');
          return { customer, isNew: true };
        }
      }
      throw conflict('The customer is being changed concurrently; retry');
    });
  }
}
