import { badInput, toE164 } from '@c360/kit';
import { addressComparisonKey, validateAddress, type Address, type AddressInput } from '@c360/kit';
import type { E911Registration } from './e911-provider.client.ts';
import type { E911Record } from './e911-record.entity.ts';

/** Who and what is registered besides the address (`E911DetailsInput`). */
export interface E911Details {
  firstName?: string | null;
  lastName?: string | null;
  municipalityCode?: string | null;
  serviceClass?: 'RES' | 'BUS' | null;
  enhancedCapable?: boolean | null;
}

/** Details after validation, defaults applied. */
export interface ValidDetails {
  firstName: string | null;
  lastName: string | null;
  municipalityCode: string | null;
  serviceClass: 'RES' | 'BUS';
  enhancedCapable: boolean;
}

/** Every column of a record that a change writes. */
export interface E911Values {
  did: string;
  customerId: string | null;
  address: Address;
  comparisonKey: string;
  firstName: string | null;
  lastName: string | null;
  municipalityCode: string | null;
  serviceClass: 'RES' | 'BUS';
  enhancedCapable: boolean;
}

const NAME_MAX = 50;
const MUNICIPALITY_CODE = /^[A-Z0-9-]{1,16}$/;

/** A DID in any usual notation, as E.164 with the address's country as default. */
export const normaliseDid = (raw: string, field: string, country = 'CA') => toE164(raw, country, field);

/** An address 911 can dispatch to: a valid address with a civic number. */
export function validateE911Address(input: AddressInput, field: string): Address {
  const address = validateAddress(input, field);
  if (!address.number) throw badInput(`${field}.number`, 'is required: 911 responders need the civic number');
  return address;
}

export function validateDetails(details: E911Details, field: string): ValidDetails {
  const name = (value: string | null | undefined, key: string) => {
    const trimmed = value?.trim().replace(/\s+/g, ' ') || null;
    if (trimmed && trimmed.length > NAME_MAX) throw badInput(`${field}.${key}`, `must be at most ${NAME_MAX} characters`);
    return trimmed;
  };
  const municipalityCode = details.municipalityCode?.trim().toUpperCase() || null;
  if (municipalityCode && !MUNICIPALITY_CODE.test(municipalityCode)) {
    throw badInput(`${field}.municipalityCode`, `"${details.municipalityCode}" is not a municipality code (letters, digits and dashes, at most 16)`);
  }
  return {
    firstName: name(details.firstName, 'firstName'),
    lastName: name(details.lastName, 'lastName'),
    municipalityCode,
    serviceClass: details.serviceClass ?? 'RES',
    enhancedCapable: details.enhancedCapable ?? true,
  };
}

/** The details a record has now. */
export const detailsOf = (record: E911Record): ValidDetails => ({
  firstName: record.firstName ?? null,
  lastName: record.lastName ?? null,
  municipalityCode: record.municipalityCode ?? null,
  serviceClass: record.serviceClass,
  enhancedCapable: record.enhancedCapable,
});

/** The values of a record at `address` with these details. */
export function e911Values(did: string, customerId: string | null, address: Address, details: ValidDetails): E911Values {
  return { did, customerId, address, comparisonKey: addressComparisonKey(address), ...details };
}

/** What the provider is sent for a record. */
export function registrationOf(record: E911Record): E911Registration {
  return {
    did: record.did,
    firstName: record.firstName ?? null,
    lastName: record.lastName ?? null,
    address: {
      houseNumber: record.civicNumber,
      unit: record.unit ?? null,
      street: record.street,
      city: record.city,
      province: record.region ?? null,
      postalCode: record.postalCode ?? null,
      country: record.country,
    },
    municipalityCode: record.municipalityCode ?? null,
    serviceClass: record.serviceClass,
    enhancedCapable: record.enhancedCapable,
  };
}

/** The comparison key of what the provider holds, to compare with ours. */
export function registeredComparisonKey(registration: E911Registration): string {
  const { address } = registration;
  return addressComparisonKey({ number: address.houseNumber, unit: address.unit, street: address.street, city: address.city, postalCode: address.postalCode, country: address.country });
}
