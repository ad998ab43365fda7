// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { BarChartFigure } from './BarChartFigure.tsx';
import { countData } from './chart-data.ts';

afterEach(cleanup);

describe('a chart of the dashboard', () => {
  it('is a figure named by its title, with its figures as a table', () => {
    render(<BarChartFigure title="Customers by status" nameHeader="Status" valueHeader="Customers" empty="No customers yet."
      data={countData([{ status: 'ACTIVE', count: 191 }, { status: 'SUSPENDED', count: 9 }], 'status')} />);
    const figure = screen.getByRole('figure', { name: 'Customers by status' });
    fireEvent.click(within(figure).getByText('Figures as a table'));
    const table = within(figure).getByRole('table', { name: 'Customers by status' });
    expect(within(table).getAllByRole('row').map((row) => row.textContent)).toEqual(['StatusCustomers', `Active${(191).toLocaleString()}`, 'Suspended9']);
  });

  it('says there is nothing to draw rather than drawing nothing', () => {
    render(<BarChartFigure title="Reminders by status" nameHeader="Status" valueHeader="Reminders" empty="No reminders yet." data={countData([{ status: 'SENT', count: 0 }], 'status')} />);
    expect(screen.getAllByText('No reminders yet.').length).toBeGreaterThan(0);
  });
});
