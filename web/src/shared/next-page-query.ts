import { gql, type DocumentNode, type TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';
import { fragmentName } from './fragments.ts';

export interface NextPageVariables {
  /** The entity that owns the list. */
  id: string;
  first: number;
  /** The last cursor shown; null starts the list over (e.g. after adding to it). */
  after: string | null;
}

/**
 * The next page of one list of one entity, asking for exactly what the page
 * shows of that list (its connection fragment, see `connectionFragment`):
 *
 *   query CustomerInvoicesPage($id: ID!, $first: Int!, $after: String) {
 *     customer(id: $id) { id invoices(first: $first, after: $after) { ...InvoicePage } }
 *   }
 *
 * The cache appends the page to the list on screen (app/cache.ts). The result
 * is not read here, hence `unknown`.
 */
export function nextPageQuery(name: string, root: string, field: string, fragment: DocumentNode): TypedDocumentNode<unknown, NextPageVariables> {
  return gql(`
    query ${name}($id: ID!, $first: Int!, $after: String) {
      ${root}(id: $id) { id ${field}(first: $first, after: $after) { ...${fragmentName(fragment)} } }
    }
    ${print(fragment)}
  `);
}
