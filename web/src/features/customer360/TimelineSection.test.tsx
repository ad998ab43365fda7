// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { createCache } from '../../app/cache.ts';
import type { TimelineEntryFieldsFragment } from '../../generated/graphql.ts';
import { formatDateTime } from '../../shared/dates.ts';
import { CUSTOMER_TIMELINE_QUERY, PAGE_SIZE } from './operations.ts';
import { activityKindOf, timelineTypes } from './timeline.ts';
import { TimelineSection } from './TimelineSection.tsx';

afterEach(cleanup);

const entry = (id: string, type: string, summary: string, occurredAt: string, automation: string | null = null): TimelineEntryFieldsFragment => ({
  id, type, summary, occurredAt, domain: type.startsWith('invoice') || type.startsWith('payment') ? 'billing' : 'customers', changedFields: [],
  automation: automation ? { rule: automation } : null,
});

/** A page of the timeline as the graph sends it (with the type names the cache files it by). */
function page(entries: TimelineEntryFieldsFragment[], totalCount: number, hasNextPage: boolean) {
  return {
    __typename: 'TimelineEntryConnection' as const,
    totalCount,
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, hasPreviousPage: false, startCursor: entries[0]?.id ?? null, endCursor: entries.at(-1)?.id ?? null },
    edges: entries.map((node) => ({
      __typename: 'TimelineEntryEdge' as const, cursor: node.id,
      node: { __typename: 'TimelineEntry' as const, ...node, automation: node.automation && { __typename: 'TimelineAutomation' as const, ...node.automation } },
    })),
  };
}

const suspended = entry('e3', 'customer.suspended', 'Customer suspended (NON_PAYMENT) by automation SUSPEND_ON_BROKEN_ARRANGEMENT', '2026-11-21T10:00:00Z', 'SUSPEND_ON_BROKEN_ARRANGEMENT');
const paid = entry('e2', 'payment.received', 'Payment received (40.00 CAD)', '2026-11-20T15:30:00Z');
const invoiced = entry('e1', 'invoice.created', 'Invoice INV-000012 created (115.00 CAD, ISSUED)', '2026-11-19T09:00:00Z');

const moneyOnly = (after: string | null, entries: TimelineEntryFieldsFragment[], hasNextPage: boolean): MockLink.MockedResponse => ({
  request: { query: CUSTOMER_TIMELINE_QUERY, variables: { id: 'c1', first: PAGE_SIZE, types: timelineTypes(['MONEY']), ...(after ? { after } : {}) } },
  result: { data: { customer: { __typename: 'Customer', id: 'c1', timeline: page(entries, 2, hasNextPage) } } },
});

function renderSection(mocks: MockLink.MockedResponse[], load = vi.fn(async () => undefined)) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <TimelineSection customerId="c1" timeline={page([suspended, paid], 3, true)} load={load} />
    </MockedProvider>,
  );
  return { load, section: within(screen.getByRole('region', { name: 'Activity timeline' })) };
}

const rows = (section: ReturnType<typeof within>) =>
  within(section.getByRole('table', { name: 'Activity, newest first' })).getAllByRole('row').slice(1).map((row) => row.textContent);

describe('the activity timeline', () => {
  it('lists what happened, newest first, with its kind, and grows in place from the page', async () => {
    // No mocks: the whole timeline comes from the 360 query, any request of its own would fail the test.
    const { load, section } = renderSection([]);
    expect(rows(section)).toEqual([
      `${formatDateTime(suspended.occurredAt)}Profile${suspended.summary} Automatic`,
      `${formatDateTime(paid.occurredAt)}Money${paid.summary}`,
    ]);
    expect(section.getByText('Showing 2 of 3 entries')).toBeTruthy();

    fireEvent.click(section.getByRole('button', { name: 'Show more entries' }));
    expect(load).toHaveBeenCalledOnce();
  });

  it('narrows to the kinds checked with a query of its own, pages that list in place, and goes back to the whole timeline', async () => {
    const { load, section } = renderSection([moneyOnly(null, [paid], true), moneyOnly('e2', [invoiced], false)]);
    fireEvent.click(section.getByRole('checkbox', { name: 'Money' }));
    await section.findByText('Showing 1 of 2 entries');
    expect(rows(section)).toEqual([`${formatDateTime(paid.occurredAt)}Money${paid.summary}`]);

    fireEvent.click(section.getByRole('button', { name: 'Show more entries' }));
    await section.findByText('Showing 2 of 2 entries');
    expect(rows(section)).toEqual([`${formatDateTime(paid.occurredAt)}Money${paid.summary}`, `${formatDateTime(invoiced.occurredAt)}Money${invoiced.summary}`]);
    expect(load).not.toHaveBeenCalled();

    fireEvent.click(section.getByRole('checkbox', { name: 'Money' }));
    expect(rows(section)).toHaveLength(2);
    expect(rows(section)[0]).toContain(suspended.summary);
  });

  it('says when nothing of the kinds checked happened', async () => {
    const { section } = renderSection([{
      request: { query: CUSTOMER_TIMELINE_QUERY, variables: { id: 'c1', first: PAGE_SIZE, types: timelineTypes(['SUPPORT']) } },
      result: { data: { customer: { __typename: 'Customer', id: 'c1', timeline: page([], 0, false) } } },
    }]);
    fireEvent.click(section.getByRole('checkbox', { name: 'Support' }));
    await section.findByText('No activity of these kinds.');
    expect(section.queryByRole('table')).toBeNull();
  });
});

describe('the kinds of activity', () => {
  it('ask the graph for their event families; none checked is everything', () => {
    expect(timelineTypes([])).toBeNull();
    expect(timelineTypes(['SUPPORT'])).toEqual(['ticket.*', 'dispatch.*', 'work_order.*', 'support.*']);
    expect(activityKindOf('work_order.completed')).toBe('SUPPORT');
    expect(activityKindOf('customer_address.created')).toBe('PROFILE');
    expect(activityKindOf('technician.updated')).toBeUndefined();
  });
});
