import { badInput } from '@c360/kit';

/**
 * Normalises a MAC address typed in any usual notation (`aa:bb:cc:dd:ee:ff`,
 * `AA-BB-CC-DD-EE-FF`, `aabb.ccdd.eeff`, `AABBCCDDEEFF`) to `AA:BB:CC:DD:EE:FF`.
 * Refuses anything that is not a device's (unicast) address.
 */
export function normaliseMacAddress(raw: string, field: string): string {
  const hex = raw.trim().replace(/[\s:.-]/g, '');
  if (!/^[0-9a-f]{12}$/i.test(hex)) throw badInput(field, `"${raw}" is not a MAC address (12 hexadecimal digits, e.g. AA:BB:CC:DD:EE:FF)`);
  // The low bit of the first octet marks group (multicast/broadcast) addresses; no device has one.
  if (Number.parseInt(hex.slice(0, 2), 16) & 1) throw badInput(field, `"${raw}" is a multicast or broadcast address, not a device's`);
  if (/^0+$/.test(hex)) throw badInput(field, `"${raw}" is not a device's MAC address`);
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
}
