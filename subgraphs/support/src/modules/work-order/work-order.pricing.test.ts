import { describe, expect, it } from 'vitest';
import { billedHours, priceWorkOrder, QUEBEC_PROFILE } from './work-order.pricing.ts';

const at = (time: string) => new Date(`2026-11-03T${time}:00Z`);
const totals = (priced: ReturnType<typeof priceWorkOrder>) => ({
  labour: priced.labour.map((line) => `${line.hours.toFixed(2)} h ${line.amount.toFixed(2)}`),
  items: priced.items.map((item) => item.toFixed(2)),
  subtotal: priced.subtotal.toFixed(2),
  taxes: priced.taxes.map((tax) => `${tax.code} ${tax.amount.toFixed(2)}`),
  total: priced.total.toFixed(2),
});

describe('priceWorkOrder', () => {
  it('adds labour of each visit to the items, then Quebec GST and QST on the subtotal, each rounded half-up', () => {
    const priced = priceWorkOrder(
      [{ arrivedAt: at('09:00'), departedAt: at('10:30') }, { arrivedAt: at('09:15'), departedAt: at('10:35') }],
      [{ quantity: '1', unitPrice: '129.99' }, { quantity: '2.5', unitPrice: '3.33' }],
      '85.00',
      QUEBEC_PROFILE.taxes,
    );
    // 1.5 h × 85 = 127.50; 1 h 20 min = 1.33 h × 85 = 113.05; 2.5 × 3.33 = 8.325 → 8.33.
    // Subtotal 378.87; GST 18.9435 → 18.94; QST 37.7922825 → 37.79.
    expect(totals(priced)).toEqual({
      labour: ['1.50 h 127.50', '1.33 h 113.05'], items: ['129.99', '8.33'], subtotal: '378.87', taxes: ['GST 18.94', 'QST 37.79'], total: '435.60',
    });
  });

  it('charges nothing for labour at a zero rate, and rounds an exact half cent of tax up', () => {
    const priced = priceWorkOrder([{ arrivedAt: at('09:00'), departedAt: at('11:00') }], [{ quantity: '1', unitPrice: '0.10' }], '0.00', QUEBEC_PROFILE.taxes);
    expect(totals(priced)).toEqual({ labour: ['2.00 h 0.00'], items: ['0.10'], subtotal: '0.10', taxes: ['GST 0.01', 'QST 0.01'], total: '0.12' });
  });
});

describe('billedHours', () => {
  it('counts a visit across midnight in full, in hundredths of an hour rounded half-up', () => {
    expect(billedHours({ arrivedAt: new Date('2026-11-03T22:40:00Z'), departedAt: new Date('2026-11-04T01:10:00Z') }).toFixed(2)).toBe('2.50');
    // 18 seconds is half a hundredth of an hour: rounded up.
    expect(billedHours({ arrivedAt: at('09:00'), departedAt: new Date('2026-11-03T09:00:18Z') }).toFixed(2)).toBe('0.01');
    expect(billedHours({ arrivedAt: at('09:00'), departedAt: new Date('2026-11-03T09:00:17Z') }).toFixed(2)).toBe('0.00');
  });
});
