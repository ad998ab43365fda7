import { badInput, newId } from '@c360/kit';
import { CustomerAddress, type AddressType } from './address.entity.ts';
import { addressComparisonKey, validateAddress, type Address, type AddressInput } from '@c360/kit';
import type { Customer } from '../customer/customer.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import type { CustomerWrite, RecordInput, RecordSpec } from '../shared/customer-write.ts';
import { line } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';
import { clearFlag, promoteIfNone, type FlaggedGroup } from '../shared/single-flag.ts';

export interface NewAddressInput {
  type: AddressType;
  /** The first address of a type is its default whatever this says. */
  isDefault?: boolean | null;
  label?: string | null;
  address: AddressInput;
  externalId?: string | null;
}

export interface AddAddressInput extends NewAddressInput {
  customerId: string;
}

export interface UpdateAddressInput extends RecordInput {
  type?: AddressType | null;
  isDefault?: boolean | null;
  label?: string | null;
  address?: AddressInput | null;
}

/** A validated new address, ready to insert. */
export interface NewAddress {
  type: AddressType;
  isDefault: boolean | null;
  label: string | null;
  address: Address;
  externalId: string | null;
}

/** Most current addresses one customer may have. */
export const MAX_ADDRESSES = 50;

const ADDRESSES: RecordSpec<CustomerAddress> = { entity: CustomerAddress, what: 'Address', kind: RECORD_KINDS.address, snapshot: addressSnapshot };
const DEFAULTS: FlaggedGroup<CustomerAddress> = { kind: RECORD_KINDS.address, flag: 'isDefault', snapshot: addressSnapshot };

export class AddressService extends CustomersService {
  /** The customer's current addresses, of one type or all, oldest first. */
  async ofCustomer(customerId: string, type?: AddressType | null): Promise<CustomerAddress[]> {
    const addresses = await this.loaders.addressesByCustomer.load(customerId);
    return type ? addresses.filter((address) => address.type === type) : addresses;
  }

  async defaultOf(customerId: string, type: AddressType): Promise<CustomerAddress | null> {
    return (await this.ofCustomer(customerId, type)).find((address) => address.isDefault) ?? null;
  }

  add(input: AddAddressInput): Promise<{ address: CustomerAddress }> {
    const address = validateNewAddress(input, 'input');
    return this.write(async (write) => {
      const customer = await write.lockCustomer(input.customerId, 'input.customerId');
      const [created] = await insertAddresses(write, customer, [address], 'input');
      return { address: created! };
    });
  }

  /** Changes an address; moving it to another type or making it the default keeps one default per type. */
  update(input: UpdateAddressInput): Promise<{ address: CustomerAddress }> {
    const label = input.label !== undefined ? line(input.label, 'input.label') : undefined;
    const postal = input.address ? validateAddress(input.address, 'input.address') : undefined;
    if (input.isDefault === false) throw badInput('input.isDefault', 'cannot be unset; make another address of the type the default instead');
    return this.write(async (write) => {
      let leftType: AddressType | null = null;
      let current: CustomerAddress[] = [];
      const { record } = await write.change(ADDRESSES, input, async (address, customer) => {
        current = await currentAddresses(write, customer);
        const type = input.type ?? address.type;
        const others = current.filter((other) => other.type === type && other !== address);
        const makeDefault = input.isDefault === true || (type === address.type ? address.isDefault : others.length === 0);
        if (makeDefault) await clearFlag(write, DEFAULTS, others, address);
        if (type !== address.type) leftType = address.type;
        write.tx.assign(address, {
          type,
          isDefault: makeDefault,
          ...(label !== undefined ? { label } : {}),
          ...(postal ? { ...columnsOf(postal), comparisonKey: addressComparisonKey(postal) } : {}),
        });
      });
      // The type it left keeps a default if it has addresses left.
      if (leftType) await promoteIfNone(write, DEFAULTS, current.filter((address) => address.type === leftType && address !== record));
      return { address: record };
    });
  }

  /** Takes an address out of the customer's current addresses; its history stays. */
  remove(input: RecordInput): Promise<{ address: CustomerAddress }> {
    return this.write(async (write) => {
      let current: CustomerAddress[] = [];
      const { record } = await write.remove(ADDRESSES, input, async (address, customer) => {
        current = await currentAddresses(write, customer);
        if ((await this.settings.get()).requiredFields.includes('ADDRESS') && current.length === 1) {
          throw badInput('input.id', "is the customer's last address, which the tenant's settings require");
        }
        address.isDefault = false;
      });
      await promoteIfNone(write, DEFAULTS, current.filter((address) => address.type === record.type && address !== record));
      return { address: record };
    });
  }
}

export function validateNewAddress(input: NewAddressInput, field: string): NewAddress {
  return {
    type: input.type,
    isDefault: input.isDefault ?? null,
    label: line(input.label, `${field}.label`),
    address: validateAddress(input.address, `${field}.address`),
    externalId: line(input.externalId, `${field}.externalId`, 100),
  };
}

/**
 * Adds addresses to a locked customer (also used when creating one): each is
 * the default of its type when asked or when it is the first of its type.
 */
export async function insertAddresses(write: CustomerWrite, customer: Customer, addresses: NewAddress[], field: string): Promise<CustomerAddress[]> {
  const current = addresses.length > 0 ? await currentAddresses(write, customer) : [];
  if (current.length + addresses.length > MAX_ADDRESSES) throw badInput(field, `a customer has at most ${MAX_ADDRESSES} addresses`);
  const created: CustomerAddress[] = [];
  for (const address of addresses) {
    const sameType = current.filter((existing) => existing.type === address.type);
    const isDefault = address.isDefault === true || sameType.length === 0;
    if (isDefault) await clearFlag(write, DEFAULTS, sameType, null);
    const record = write.tx.create(CustomerAddress, {
      id: newId(),
      tenantId: write.tenantId,
      customerId: customer.id,
      type: address.type,
      isDefault,
      label: address.label,
      ...columnsOf(address.address),
      comparisonKey: addressComparisonKey(address.address),
      externalId: address.externalId,
    });
    await write.tx.flush();
    write.created(RECORD_KINDS.address, customer.id, record.id, addressSnapshot(record));
    current.push(record);
    created.push(record);
  }
  return created;
}

/** The customer's current addresses inside the write (the customer is locked), oldest first. */
export function currentAddresses(write: CustomerWrite, customer: Customer): Promise<CustomerAddress[]> {
  return write.tx.find(CustomerAddress, { customerId: customer.id, removedAt: null }, { orderBy: { createdAt: 'ASC', id: 'ASC' } });
}

/** The `Address` value of a customer address. */
export function postalAddressOf(record: CustomerAddress): Address {
  return {
    number: record.civicNumber ?? null,
    unit: record.unit ?? null,
    street: record.street,
    city: record.city,
    region: record.region ?? null,
    postalCode: record.postalCode ?? null,
    country: record.country,
  };
}

export function addressSnapshot(record: CustomerAddress): Snapshot {
  return { type: record.type, isDefault: record.isDefault, label: record.label ?? null, address: postalAddressOf(record), comparisonKey: record.comparisonKey };
}

const columnsOf = (address: Address) => ({
  civicNumber: address.number,
  unit: address.unit,
  street: address.street,
  city: address.city,
  region: address.region,
  postalCode: address.postalCode,
  country: address.country,
});
