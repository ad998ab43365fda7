import { describe, expect, it } from 'vitest';
import { countData, decidedQuotes, describeData, formatRate, moneyDatum, TONE_COLOURS } from './chart-data.ts';

describe('chart data', () => {
  it('turns counts by status into labelled bars coloured by tone', () => {
    const data = countData([{ status: 'ACTIVE', count: 191 }, { status: 'SUSPENDED', count: 9 }], 'status');
    expect(data).toEqual([
      { name: 'Active', value: 191, text: (191).toLocaleString(), fill: TONE_COLOURS.good },
      { name: 'Suspended', value: 9, text: '9', fill: TONE_COLOURS.bad },
    ]);
    expect(describeData(data)).toBe(`Active ${(191).toLocaleString()}, Suspended 9`);
  });

  it('keeps the exact amount as text while drawing a number', () => {
    expect(moneyDatum('Overdue', { amount: '6686.13', currency: 'CAD' }, 'bad')).toMatchObject({ value: 6686.13, text: expect.stringContaining('6') });
  });

  it('counts only decided quotes for the conversion chart', () => {
    expect(decidedQuotes([
      { status: 'DRAFT', count: 4 }, { status: 'SENT', count: 2 }, { status: 'ACCEPTED', count: 5 }, { status: 'REFUSED', count: 3 }, { status: 'EXPIRED', count: 0 },
    ]).map((datum) => [datum.name, datum.value])).toEqual([['Accepted', 5], ['Refused', 3]]);
  });

  it('writes a rate as a percentage, or a dash before any decision', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.625).replace(/\s/g, ' ')).toMatch(/62[.,]5/);
  });
});
