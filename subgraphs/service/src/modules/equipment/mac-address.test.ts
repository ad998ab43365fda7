import { describe, expect, it } from 'vitest';
import { normaliseMacAddress } from './mac-address.ts';

describe('normaliseMacAddress', () => {
  it.each(['aa:bb:cc:dd:ee:f0', 'AA-BB-CC-DD-EE-F0', 'aabb.ccdd.eef0', 'AABBCCDDEEF0', ' aa bb cc dd ee f0 '])('normalises %s', (raw) => {
    expect(normaliseMacAddress(raw, 'input.macAddress')).toBe('AA:BB:CC:DD:EE:F0');
  });

  it.each(['AA:BB:CC:DD:EE', 'GG:BB:CC:DD:EE:FF', 'FF:FF:FF:FF:FF:FF', '01:00:5E:00:00:01', '00:00:00:00:00:00'])('refuses %s naming the field', (raw) => {
    expect(() => normaliseMacAddress(raw, 'input.macAddress')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.macAddress' }));
  });
});
