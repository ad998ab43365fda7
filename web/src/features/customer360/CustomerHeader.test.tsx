// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { CustomerHeader } from './CustomerHeader.tsx';
import { testCustomer } from './test-customer.ts';

afterEach(cleanup);

describe('the customer header', () => {
  it('puts a suspension, a live arrangement and auto-pay first', () => {
    render(<CustomerHeader customer={testCustomer({
      status: 'SUSPENDED', group: 'Résidentiel', tags: ['vip'], autoPay: true,
      currentSuspension: { id: 's1', reason: 'NON_PAYMENT', note: 'Factures impayées', startsOn: '2026-11-21', plannedEndOn: '2026-12-21', suspendedAt: '2026-11-21T10:00:00Z', suspendedBy: 'agent' },
      activeArrangement: { id: 'a1', amount: { amount: '300.00', currency: 'CAD' }, agreedOn: '2026-11-21', dueDate: '2026-11-26', cutoffDate: '2026-11-30', daysToCutoff: 2, method: 'PHONE', status: 'OPEN', staffNote: null },
      paymentMethods: [{ id: 'm1', kind: 'CARD', label: 'Visa •••• 4242', expiry: '12/29', autoPay: true, autoPayLimit: null }],
    })} />);
    const banner = screen.getByRole('status');
    expect(banner.className).toContain('banner-bad');
    expect(banner.textContent).toMatch(/^Suspended\. Non payment since .*2026, planned to end .*2026 — Factures impayées$/);
    const flags = within(screen.getByRole('list', { name: 'Flags' }));
    expect(flags.getByText('Payment arrangement: 2 days to cutoff').className).toContain('badge-bad');
    expect(flags.getByText('Auto-pay: Visa •••• 4242')).toBeTruthy();
    expect(flags.getByText('vip')).toBeTruthy();
    expect(screen.getByText(/group Résidentiel/)).toBeTruthy();
  });

  it('shows none of it for an active customer without arrangement', () => {
    render(<CustomerHeader customer={testCustomer()} />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Flags' })).toBeNull();
  });
});
