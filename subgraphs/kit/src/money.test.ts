import { describe, expect, it } from 'vitest';
import { amount, money, roundToCents, sum } from './money.ts';

describe('money', () => {
  it('never uses binary floats: 0.1 + 0.2 is exactly 0.30', () => {
    expect(sum(['0.1', '0.2']).toFixed(2)).toBe('0.30');
    expect(sum(['0.1', '0.2']).equals('0.3')).toBe(true);
  });

  it('rounds half up to cents, as tax lines are rounded', () => {
    expect(roundToCents(amount('39.98').times('0.09975')).toFixed(2)).toBe('3.99'); // 3.98800...
    expect(roundToCents(amount('0.125')).toFixed(2)).toBe('0.13');
    expect(roundToCents(amount('-0.125')).toFixed(2)).toBe('-0.13');
  });

  it('formats the GraphQL Money shape with two decimals', () => {
    expect(money('12.5', 'CAD')).toEqual({ amount: '12.50', currency: 'CAD' });
  });
});
