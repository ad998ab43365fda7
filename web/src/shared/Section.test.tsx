// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Section } from './Section.tsx';

afterEach(cleanup);

describe('Section', () => {
  it('is a region named by its title that folds away and back', () => {
    render(<Section title="Money" summary="Balance $10.00"><p>Invoices here</p></Section>);
    const toggle = screen.getByRole('button', { name: 'Money' });
    expect(screen.getByRole('region', { name: 'Money' })).toBeTruthy();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('Invoices here').closest('[hidden]')).not.toBeNull();
    expect(screen.getByText('Balance $10.00')).toBeTruthy(); // the summary stays in view

    fireEvent.click(toggle);
    expect(screen.getByText('Invoices here').closest('[hidden]')).toBeNull();
  });

  it('says its data is unavailable instead of showing its content', () => {
    render(<Section title="Money" unavailable="Billing is not answering right now."><p>Invoices here</p></Section>);
    expect(screen.getByRole('alert').textContent).toBe('Billing is not answering right now.');
    expect(screen.queryByText('Invoices here')).toBeNull();
  });
});
