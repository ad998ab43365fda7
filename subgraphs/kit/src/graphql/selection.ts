import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the query asks for the sub-field `name` of the field being resolved
 * (directly, in an inline fragment or in a fragment spread). Lets a resolver
 * read a child list in the same statement as its parents only when it is
 * wanted, e.g. the equipment of a customer's locations on the customer 360.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const inSet = (set: SelectionSetNode | undefined): boolean => (set?.selections ?? []).some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
    return inSet(info.fragments[selection.name.value]?.selectionSet);
  });
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
