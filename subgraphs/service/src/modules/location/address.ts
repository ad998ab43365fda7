import type { Address } from '@c360/kit';

/** The address columns of a stored row (location, 911 record, history entry). */
export interface AddressColumns {
  civicNumber?: string | null;
  unit?: string | null;
  street: string;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country: string;
}

/** The `Address` value of a stored row. */
export function addressOf(row: AddressColumns): Address {
  return {
    number: row.civicNumber ?? null,
    unit: row.unit ?? null,
    street: row.street,
    city: row.city,
    region: row.region ?? null,
    postalCode: row.postalCode ?? null,
    country: row.country,
  };
}

/** The columns of a row for an address. */
export function addressColumns(address: Address): AddressColumns {
  return {
    civicNumber: address.number,
    unit: address.unit,
    street: address.street,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
  };
}
