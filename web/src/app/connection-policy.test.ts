import { describe, expect, it } from 'vitest';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { createCache } from './cache.ts';
import { mergeConnection, type ConnectionPage } from './connection-policy.ts';

const page = (cursors: string[], hasNextPage: boolean, totalCount = 5): ConnectionPage => ({
  edges: cursors.map((cursor) => ({ cursor })),
  pageInfo: { hasNextPage, hasPreviousPage: false, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
  totalCount,
});

describe('mergeConnection', () => {
  it('appends a page fetched after the last cursor, keeping the start of the list', () => {
    const merged = mergeConnection(page(['a', 'b'], true), { ...page(['c', 'd'], true), pageInfo: { ...page(['c', 'd'], true).pageInfo, hasPreviousPage: true } }, 'b');
    expect(merged.edges.map((edge) => edge.cursor)).toEqual(['a', 'b', 'c', 'd']);
    expect(merged.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'a', endCursor: 'd' });
  });

  it('starts over with a page fetched without a cursor', () => {
    expect(mergeConnection(page(['a', 'b', 'c'], false), page(['x'], true, 1), null)).toEqual(page(['x'], true, 1));
  });

  it('does not repeat edges when the same page arrives twice', () => {
    const once = mergeConnection(page(['a', 'b'], true), page(['c'], false), 'b');
    expect(mergeConnection(once, page(['c'], false), 'b').edges.map((edge) => edge.cursor)).toEqual(['a', 'b', 'c']);
  });
});

interface InvoicesData {
  customer: {
    __typename: 'Customer';
    id: string;
    invoices: Omit<ConnectionPage, 'edges'> & { __typename: 'InvoiceConnection'; edges: { __typename: 'InvoiceEdge'; cursor: string; node: { __typename: 'Invoice'; id: string } }[] };
  };
}
const INVOICES: TypedDocumentNode<InvoicesData, { first: number; after?: string | null }> = gql`
  query Invoices($first: Int!, $after: String) {
    customer(id: "c1") { id invoices(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }
  }
`;
const invoicesPage = (ids: string[], hasNextPage: boolean): InvoicesData => ({
  customer: {
    __typename: 'Customer', id: 'c1',
    invoices: {
      __typename: 'InvoiceConnection', totalCount: 3,
      pageInfo: { hasNextPage, hasPreviousPage: false, startCursor: ids[0] ?? null, endCursor: ids.at(-1) ?? null },
      edges: ids.map((id) => ({ __typename: 'InvoiceEdge', cursor: id, node: { __typename: 'Invoice', id } })),
    },
  },
});

describe('the cache policy', () => {
  it('grows Customer.invoices in place whatever page size each request used', () => {
    const cache = createCache();
    cache.writeQuery({ query: INVOICES, variables: { first: 2 }, data: invoicesPage(['i1', 'i2'], true) });
    cache.writeQuery({ query: INVOICES, variables: { first: 10, after: 'i2' }, data: invoicesPage(['i3'], false) });
    const read = cache.readQuery({ query: INVOICES, variables: { first: 2 } });
    expect(read?.customer.invoices.edges.map((edge) => edge.node.id)).toEqual(['i1', 'i2', 'i3']);
    expect(read?.customer.invoices.pageInfo.hasNextPage).toBe(false);
  });
});
