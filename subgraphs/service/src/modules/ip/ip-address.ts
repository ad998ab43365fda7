import ipaddr from 'ipaddr.js';
import { badInput } from '@c360/kit';

/** An address or prefix in canonical form, as stored in an `inet` column. */
export interface IpValue {
  /** `203.0.113.7`, `2001:db8::1`, `2001:db8:1200::/56` (RFC 5952 for IPv6; no `/32` or `/128` on a single address). */
  text: string;
  family: 4 | 6;
  prefixLength: number;
}

/**
 * Ranges no customer is ever given. `reserved` is not among them: ipaddr.js
 * counts the documentation ranges (203.0.113.0/24, 2001:db8::/32) as reserved,
 * and those are what demo data and examples use.
 */
const NOT_ASSIGNABLE = new Set(['unspecified', 'loopback', 'multicast', 'broadcast', 'linkLocal']);

/**
 * Parses an IPv4 or IPv6 address or CIDR prefix. IPv4 must be dotted quad
 * (`ipaddr.js` alone would accept `127.1` or `0x7f.0.0.1`); an IPv4-mapped
 * IPv6 address (`::ffff:203.0.113.7`) is taken as the IPv4 address; a prefix
 * must have its host bits zero. `assignable` also refuses loopback, multicast,
 * link-local and the like.
 */
export function parseIp(raw: string, field: string, options: { assignable: boolean }): IpValue {
  const input = raw.trim();
  const [address = '', length, ...rest] = input.split('/');
  if (rest.length > 0 || !isAddress(address)) {
    throw badInput(field, `"${raw}" is not an IP address or prefix (e.g. 203.0.113.7, 2001:db8::1, 2001:db8:1200::/56)`);
  }
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const family = ip.kind() === 'ipv4' ? 4 : 6;
  const maxLength = family === 4 ? 32 : 128;
  const prefixLength = length === undefined ? maxLength : Number(length);
  if (!/^\d{1,3}$/.test(length ?? '0') || prefixLength > maxLength || prefixLength < (options.assignable ? maxLength / 4 : 0)) {
    throw badInput(field, `"/${length}" is not a prefix length for IPv${family}${options.assignable ? ` (${maxLength / 4} to ${maxLength})` : ''}`);
  }
  const text = family === 4 ? ip.toString() : (ip as ipaddr.IPv6).toRFC5952String();
  if (prefixLength < maxLength) {
    const cidr = `${text}/${prefixLength}`;
    const network = family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(cidr).toString() : ipaddr.IPv6.networkAddressFromCIDR(cidr).toRFC5952String();
    if (network !== text) throw badInput(field, `"${raw}" has host bits set; the prefix is ${network}/${prefixLength}`);
  }
  if (options.assignable && NOT_ASSIGNABLE.has(ip.range())) throw badInput(field, `"${raw}" is a ${ip.range()} address, never assigned to a customer`);
  return { text: prefixLength === maxLength ? text : `${text}/${prefixLength}`, family, prefixLength };
}

function isAddress(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || (ipaddr.IPv6.isValid(value) && !value.includes('%'));
}

/** Family and prefix length of a stored `inet` value. */
export function describeInet(text: string): IpValue {
  const [address = '', length] = text.split('/');
  const family = address.includes(':') ? 6 : 4;
  return { text, family, prefixLength: length === undefined ? (family === 4 ? 32 : 128) : Number(length) };
}
