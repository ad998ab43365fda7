import { describe, expect, it } from 'vitest';
import { parseIp } from './ip-address.ts';

const assignable = (raw: string) => parseIp(raw, 'input.ip', { assignable: true });

describe('parseIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7', 4, 32],
    [' 10.20.30.40 ', '10.20.30.40', 4, 32],
    ['100.64.1.2', '100.64.1.2', 4, 32],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1', 6, 128],
    ['2001:db8:1200::/56', '2001:db8:1200::/56', 6, 56],
    ['198.51.100.0/29', '198.51.100.0/29', 4, 29],
    ['::ffff:203.0.113.7', '203.0.113.7', 4, 32],
  ])('reads %s as %s', (raw, text, family, prefixLength) => {
    expect(assignable(raw)).toEqual({ text, family, prefixLength });
  });

  it.each([
    ['127.1', 'not an IP address'],
    ['0x7f.0.0.1', 'not an IP address'],
    ['256.1.1.1', 'not an IP address'],
    ['2001:db8::1%eth0', 'not an IP address'],
    ['2001:db8:1200::1/56', 'host bits set; the prefix is 2001:db8:1200::/56'],
    ['10.0.0.0/33', 'not a prefix length'],
    ['10.0.0.0/4', 'not a prefix length'],
    ['10.0.0.0/x', 'not a prefix length'],
    ['127.0.0.1', 'loopback'],
    ['224.0.0.1', 'multicast'],
    ['fe80::1', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
  ])('refuses %s naming the field (%s)', (raw, message) => {
    expect(() => assignable(raw)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.ip', message: expect.stringContaining(message) }));
  });

  it('accepts any address to look up', () => {
    expect(parseIp('127.0.0.1', 'ip', { assignable: false }).text).toBe('127.0.0.1');
  });
});
