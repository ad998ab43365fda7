import { describe, expect, it } from 'vitest';
import { formatMoney, moneySign } from './money.ts';

describe('formatMoney', () => {
  it('formats the decimal string in the currency and locale', () => {
    expect(formatMoney({ amount: '45.97', currency: 'CAD' }, 'en-CA')).toBe('$45.97');
    expect(formatMoney({ amount: '-12.50', currency: 'EUR' }, 'en-IE')).toBe('-€12.50');
    expect(formatMoney({ amount: '1234.5', currency: 'CAD' }, 'fr-CA').replace(/\s/g, ' ')).toBe('1 234,50 $');
  });

  it('keeps every digit of amounts a float cannot hold', () => {
    // 2^53 + 1 and a sum that floats round (0.1 + 0.2): both exact.
    expect(formatMoney({ amount: '9007199254740993.01', currency: 'CAD' }, 'en-CA')).toBe('$9,007,199,254,740,993.01');
    expect(formatMoney({ amount: '0.30', currency: 'CAD' }, 'en-CA')).toBe('$0.30');
  });

  it('shows anything that is not a decimal raw instead of guessing', () => {
    expect(formatMoney({ amount: '1e3', currency: 'CAD' }, 'en-CA')).toBe('1e3 CAD');
    expect(formatMoney({ amount: '10.00', currency: 'NOT-A-CODE' }, 'en-CA')).toBe('10.00 NOT-A-CODE');
  });
});

describe('moneySign', () => {
  it.each([
    ['0.00', 0], ['-0.00', 0], ['0', 0], ['0.01', 1], ['-0.01', -1], ['120.00', 1],
  ] as const)('%s → %d', (amount, sign) => {
    expect(moneySign({ amount, currency: 'CAD' })).toBe(sign);
  });
});
