import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.ts';

describe('toE164', () => {
  it.each(['450-272-2408', '(450) 272-2408', '+14502722408', '1 450 272 2408', ' 450.272.2408 '])('normalises %s', (raw) => {
    expect(toE164(raw, 'CA')).toBe('+14502722408');
  });

  it("uses the tenant's default country for national numbers", () => {
    expect(toE164('01 42 68 53 00', 'FR')).toBe('+33142685300');
  });

  it('names the field when the number is not valid', () => {
    expect(() => toE164('12', 'CA', 'input.phone')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.phone' }));
  });
});
