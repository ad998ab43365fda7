import { gql, type DocumentNode } from '@apollo/client';
import { Kind, print } from 'graphql';

/** Fragments of the graph's shared types, spread by the features' operations. */

export const PAGE_INFO = gql`
  fragment PageInfoParts on PageInfo { hasNextPage hasPreviousPage startCursor endCursor }
`;

export const ADDRESS = gql`
  fragment AddressParts on Address { number unit street city region postalCode country }
`;

export const MONEY = gql`
  fragment MoneyParts on Money { amount currency }
`;

/** The name of the first definition of a fragment document (the others are the fragments it spreads). */
export function fragmentName(fragment: DocumentNode): string {
  const [first] = fragment.definitions;
  if (first?.kind !== Kind.FRAGMENT_DEFINITION) throw new Error('The document must start with a fragment');
  return first.name.value;
}

/**
 * A page of a Relay connection (GUIDE §7) whose nodes are `node` (a fragment):
 *
 *   fragment InvoicePage on InvoiceConnection {
 *     totalCount pageInfo { ...PageInfoParts } edges { cursor node { ...InvoiceFields } }
 *   }
 */
export function connectionFragment(name: string, connectionType: string, node: DocumentNode): DocumentNode {
  return gql(`
    fragment ${name} on ${connectionType} {
      totalCount pageInfo { ...PageInfoParts } edges { cursor node { ...${fragmentName(node)} } }
    }
    ${print(PAGE_INFO)}
    ${print(node)}
  `);
}
