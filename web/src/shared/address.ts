import type { AddressPartsFragment } from '../generated/graphql.ts';

/** `1200 rue Principale, unit 4` and `Granby QC  J2G 2V6`: the two lines of an address label. */
export function addressLines(address: AddressPartsFragment): [string, string] {
  const street = [address.number, address.street].filter(Boolean).join(' ') + (address.unit ? `, unit ${address.unit}` : '');
  const city = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
  return [street, address.country === 'CA' ? city : `${city}, ${address.country}`];
}
