import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { badInput } from '@c360/kit';

/** Which private targets webhooks may reach (WEBHOOK_ALLOW_TARGETS). */
export type TargetPolicy = 'public' | 'loopback' | 'private';

const ranges = (entries: [string, number, 'ipv4' | 'ipv6'][]) => {
  const list = new BlockList();
  for (const [address, prefix, family] of entries) list.addSubnet(address, prefix, family);
  return list;
};

const LOOPBACK = ranges([['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']]);
const PRIVATE = ranges([
  ['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6'],
]);
/** Never a webhook target: link-local (cloud metadata services), unspecified, multicast, reserved and documentation ranges. */
const NEVER = ranges([
  ['0.0.0.0', 8, 'ipv4'], ['169.254.0.0', 16, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'], ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'], ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'], ['fe80::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'], ['2001:db8::', 32, 'ipv6'], ['64:ff9b::', 96, 'ipv6'],
]);

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Why an address may not be a target under the policy, or null when it may. */
export function refusal(rawAddress: string, policy: TargetPolicy): string | null {
  const { address, family } = unmapped(rawAddress);
  if (NEVER.check(address, family)) return `${rawAddress} is a reserved or link-local address`;
  if (LOOPBACK.check(address, family)) return policy === 'public' ? `${rawAddress} is a loopback address` : null;
  if (PRIVATE.check(address, family)) return policy === 'private' ? null : `${rawAddress} is a private address`;
  return null;
}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/**
 * Checks a webhook URL when it is registered: http(s), no credentials in it,
 * and every address its host resolves to allowed by the policy. `field` names
 * the input in errors.
 */
export async function checkTargetUrl(raw: string, policy: TargetPolicy, field: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput(field, `"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(field, 'must be an https:// (or http://) URL');
  if (url.username || url.password) throw badInput(field, 'must not carry credentials');
  if (url.href.length > 2000) throw badInput(field, 'must be at most 2000 characters');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolveAll(host)).map((entry) => entry.address);
  } catch {
    throw badInput(field, `the host ${url.hostname} cannot be resolved`);
  }
  for (const address of addresses) {
    const why = refusal(address, policy);
    if (why) throw badInput(field, `refused: ${url.hostname} resolves to ${why}`);
  }
  return url.href;
}

/**
 * A DNS lookup for the delivery request that refuses disallowed addresses at
 * connection time: a host that resolved to a public address at registration
 * cannot be re-pointed at an internal one later (DNS rebinding).
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const allowed = list.filter((entry) => refusal(entry.address, policy) === null);
      if (allowed.length === 0) {
        const why = list[0] ? refusal(list[0].address, policy) : 'no address';
        return callback(Object.assign(new Error(`refused target: ${hostname} resolves to ${why}`), { code: 'ETARGETREFUSED' }), '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
