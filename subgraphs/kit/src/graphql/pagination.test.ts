import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageRequest, toConnection } from './pagination.ts';

describe('pagination', () => {
  it('round-trips opaque cursors and rejects foreign ones naming the argument', () => {
    const position = { sort: '2026-11-21T09:00:00.000Z', id: '0193a1b2-0000-7000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(() => decodeCursor('not-a-cursor')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
  });

  it('enforces the hard page-size maximum', () => {
    expect(pageRequest({}).first).toBe(20);
    expect(() => pageRequest({ first: 101 })).toThrow(expect.objectContaining({ field: 'first' }));
    expect(() => pageRequest({ first: -1 })).toThrow(expect.objectContaining({ field: 'first' }));
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: `t${n}` }));
    const connection = toConnection(rows, { first: 2, after: null }, 7, (row) => ({ sort: row.at, id: row.id }));
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['id1', 'id2']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(connection.totalCount).toBe(7);
  });
});
