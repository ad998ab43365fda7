// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { RequiredCustomerField } from '../../generated/graphql.ts';
import { CustomerForm } from './CustomerForm.tsx';

afterEach(cleanup);

// No mocks: a request the form should not send would fail the test.
const renderForm = (requiredFields: RequiredCustomerField[]) =>
  render(<MockedProvider mocks={[]}><CustomerForm requiredFields={requiredFields} /></MockedProvider>);

const input = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;

describe('the customer form', () => {
  it("marks the tenant's required fields and shows company fields for companies only", () => {
    renderForm(['EMAIL', 'COMPANY_NAME', 'ADDRESS']);
    expect(input(/^E-mail/).required).toBe(true);
    expect(input(/^Phone/).required).toBe(false);
    expect(input(/^Street/).required).toBe(true);
    expect(screen.queryByLabelText(/Registered name/)).toBeNull();

    fireEvent.click(screen.getByLabelText('Company'));
    expect(input(/Registered name/).required).toBe(true);
    expect(input(/Legal form/)).toBeTruthy();
    expect(screen.getByLabelText(/Display name/)).toBeTruthy();
  });

  it('refuses to save without them, saying so on each field and taking the keyboard to the first', () => {
    renderForm(['EMAIL']);
    fireEvent.change(input(/Full name/), { target: { value: 'Léa Gagnon' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Create customer' }));
    expect(input(/^E-mail/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Required by your organisation’s settings.')).toBeTruthy();
    expect(document.activeElement).toBe(input(/^E-mail/));
  });
});
