import { describe, expect, it } from 'vitest';
import { gql } from '@apollo/client';
import { print } from 'graphql';
import { connectionFragment } from './fragments.ts';
import { nextPageQuery } from './next-page-query.ts';

const NOTE_PAGE = connectionFragment('NotePage', 'NoteConnection', gql`fragment NoteFields on Note { id body }`);

describe('connectionFragment', () => {
  it("is a page of the connection whose nodes are the fragment's, with the fragments it spreads", () => {
    const text = print(NOTE_PAGE);
    expect(text).toMatch(/^fragment NotePage on NoteConnection \{\n {2}totalCount\n {2}pageInfo \{\n {4}\.\.\.PageInfoParts/);
    expect(text).toContain('edges {\n    cursor\n    node {\n      ...NoteFields');
    expect(text).toContain('fragment PageInfoParts on PageInfo');
    expect(text).toContain('fragment NoteFields on Note');
  });
});

describe('nextPageQuery', () => {
  it("asks one entity's list for the page after a cursor, with the list's fragment and those it spreads", () => {
    const query = print(nextPageQuery('CustomerNotesPage', 'customer', 'notes', NOTE_PAGE));
    expect(query).toContain('query CustomerNotesPage($id: ID!, $first: Int!, $after: String) {');
    expect(query).toContain('customer(id: $id) {\n    id\n    notes(first: $first, after: $after) {\n      ...NotePage');
    expect(query).toContain('fragment NotePage on NoteConnection');
    expect(query).toContain('fragment NoteFields on Note');
  });

  it('refuses a document that does not start with a fragment', () => {
    expect(() => nextPageQuery('X', 'customer', 'notes', gql`query Q { tenantSettings { timeZone } }`)).toThrow(/fragment/);
  });
});
