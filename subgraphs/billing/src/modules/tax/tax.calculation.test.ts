import { describe, expect, it } from 'vitest';
import { FRANCE_TAX_PROFILE, MOROCCO_TAX_PROFILE, QUEBEC_TAX_PROFILE, lineAmount, priceInvoice } from './tax.calculation.ts';

const totals = (priced: ReturnType<typeof priceInvoice>) => ({
  lines: priced.lines.map((line) => line.amount.toFixed(2)),
  subtotal: priced.subtotal.toFixed(2),
  taxes: priced.taxes.map((tax) => `${tax.code} ${tax.amount.toFixed(2)}`),
  total: priced.total.toFixed(2),
});

describe('priceInvoice', () => {
  it('computes Quebec GST and QST on the subtotal, each rounded half-up to the cent', () => {
    const priced = priceInvoice([{ description: 'Widget', quantity: '2', unitPrice: '19.99' }], QUEBEC_TAX_PROFILE);
    // 39.98 × 0.05 = 1.999 → 2.00; 39.98 × 0.09975 = 3.988005 → 3.99.
    expect(totals(priced)).toEqual({ lines: ['39.98'], subtotal: '39.98', taxes: ['GST 2.00', 'QST 3.99'], total: '45.97' });
    expect(priced.currency).toBe('CAD');
  });

  it('rounds an exact half cent up, and never taxes a tax', () => {
    // 0.10 × 0.05 = 0.005 → 0.01; 0.10 × 0.09975 = 0.009975 → 0.01 (on the subtotal, not on subtotal + GST).
    expect(totals(priceInvoice([{ description: 'x', quantity: '1', unitPrice: '0.10' }], QUEBEC_TAX_PROFILE)).taxes).toEqual(['GST 0.01', 'QST 0.01']);
    // 200.00 × 0.09975 = 19.95 exactly; compounding on GST would give 20.95.
    expect(totals(priceInvoice([{ description: 'x', quantity: '1', unitPrice: '200' }], QUEBEC_TAX_PROFILE)).taxes).toEqual(['GST 10.00', 'QST 19.95']);
  });

  it('prices French invoices with TVA 20 % in euros', () => {
    const priced = priceInvoice([{ description: 'Fibre', quantity: '3', unitPrice: '33.33' }, { description: 'Remise', quantity: '1', unitPrice: '-9.99' }], FRANCE_TAX_PROFILE);
    expect(totals(priced)).toEqual({ lines: ['99.99', '-9.99'], subtotal: '90.00', taxes: ['TVA 18.00'], total: '108.00' });
    expect(priced.currency).toBe('EUR');
  });
});

describe('priceInvoice in Morocco', () => {
  it('charges TVA 7 % in dirhams, HT + TVA = TTC, rounded half-up to the centime', () => {
    // 3 × 33.35 = 100.05 HT; 100.05 × 0.07 = 7.0035 → 7.00; TTC 107.05. 0.50 × 0.07 = 0.035 → 0.04.
    expect(totals(priceInvoice([{ description: 'Abonnement', quantity: '3', unitPrice: '33.35' }], MOROCCO_TAX_PROFILE)))
      .toEqual({ lines: ['100.05'], subtotal: '100.05', taxes: ['TVA 7.00'], total: '107.05' });
    expect(totals(priceInvoice([{ description: 'x', quantity: '1', unitPrice: '0.50' }], MOROCCO_TAX_PROFILE)).taxes).toEqual(['TVA 0.04']);
    expect(priceInvoice([], MOROCCO_TAX_PROFILE).currency).toBe('MAD');
  });
});

describe('lineAmount', () => {
  it('rounds quantity × unit price half away from zero, like PostgreSQL round(numeric, 2)', () => {
    expect(lineAmount('37.5', '0.05').toFixed(2)).toBe('1.88');
    expect(lineAmount('0.125', '0.04').toFixed(2)).toBe('0.01');
    expect(lineAmount('1.5', '-0.01').toFixed(2)).toBe('-0.02');
    expect(lineAmount('999999999.999', '0.01').toFixed(2)).toBe('10000000.00');
  });
});
