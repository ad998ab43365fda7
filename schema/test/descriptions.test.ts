import {
  isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType,
  type GraphQLField, type GraphQLNamedType, type GraphQLObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { compose, composeApiSchema } from '../compose.ts';

/**
 * The SDL is the API documentation (GUIDE §7): every element of the API that a
 * front-end developer or a partner meets carries a description. Checked on the
 * composed API schema, i.e. what clients introspect, so the subgraph that
 * documents a shared element does not matter.
 *
 * Left out, because they are self-evident or not part of the API:
 * - federation internals (`join__*`, `link__*`, `_Service`, `_Any`, `_Entity`,
 *   `Query._entities`, `Query._service`): the API schema has none of them;
 * - introspection types and GraphQL's own scalars (`String`, `ID`...);
 * - `id` fields and arguments: the entity's key;
 * - Relay plumbing: `*Edge` types (`cursor`, `node`) and a connection's `edges`,
 *   `pageInfo` and `totalCount` (the connection type itself must say what it
 *   lists and in which order), the `first`/`after` arguments (each list field
 *   states its maximum page size);
 * - a mutation's `input` argument: its input type is described;
 * - enum values: their enum type must be described; values are described where
 *   their name does not say it all, which a test cannot judge.
 */
const SELF_EVIDENT_ARGUMENTS = new Set(['id', 'first', 'after', 'input']);
const RELAY_CONNECTION_FIELDS = new Set(['edges', 'pageInfo', 'totalCount']);

const isEdgeType = (type: GraphQLNamedType): boolean =>
  isObjectType(type) && type.name.endsWith('Edge') && Object.keys(type.getFields()).sort().join() === 'cursor,node';
const isConnectionType = (type: GraphQLNamedType): type is GraphQLObjectType =>
  isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
const described = (element: { description?: string | null | undefined }): boolean => !!element.description?.trim();

/** Schema coordinates (`Type`, `Type.field`, `Type.field(argument:)`, `Input.field`) that lack a description. */
function undocumented(): string[] {
  const missing: string[] = [];
  for (const type of Object.values(composeApiSchema().getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || isEdgeType(type)) continue;
    if (!described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (field.name === 'id' || (isConnectionType(type) && RELAY_CONNECTION_FIELDS.has(field.name))) continue;
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
        for (const argument of field.args) {
          if (!SELF_EVIDENT_ARGUMENTS.has(argument.name) && !described(argument)) missing.push(`${type.name}.${field.name}(${argument.name}:)`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name !== 'id' && !described(field)) missing.push(`${type.name}.${field.name}`);
      }
    }
  }
  return missing.sort();
}

describe('API documentation', () => {
  it('describes every type (enums included), field, argument and input field of the supergraph API', () => {
    expect(undocumented(), 'add a """description""" (not a # comment) to these in their subgraph SDL').toEqual([]);
  });

  it('gives an element shared by several subgraphs one description, not a different one in each', () => {
    const inconsistent = compose().hints.filter((hint) => hint.definition.code === 'INCONSISTENT_DESCRIPTION').map((hint) => hint.message);
    expect(inconsistent).toEqual([]);
  });
});
