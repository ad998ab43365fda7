import { describe, expect, it } from 'vitest';
import { amount } from '@c360/kit';
import { allocate, type LockedInvoice } from './payment.service.ts';

const invoice = (id: string, total: string, paid = '0.00', status: LockedInvoice['status'] = 'ISSUED'): LockedInvoice =>
  ({ id, status, currency: 'CAD', total, paid_amount: paid });
const shares = (received: string, invoices: LockedInvoice[]) =>
  allocate(amount(received), invoices).map((allocation) => `${allocation.invoiceId}:${allocation.amount.toFixed(2)}`);

describe('allocate', () => {
  it('fills invoices in the given (oldest first) order up to their outstanding amounts', () => {
    expect(shares('100', [invoice('a', '45.97'), invoice('b', '229.95', '10.00', 'PARTIALLY_PAID'), invoice('c', '5.00')])).toEqual(['a:45.97', 'b:54.03']);
  });

  it('leaves what is left over unallocated and skips paid invoices', () => {
    expect(shares('50', [invoice('a', '45.97', '45.97', 'PAID'), invoice('b', '20.00', '0.00', 'OVERDUE')])).toEqual(['b:20.00']);
    expect(shares('10', [])).toEqual([]);
  });
});
