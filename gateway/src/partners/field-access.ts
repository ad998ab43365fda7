import { GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldAllowed } from './scopes.ts';

/**
 * Refuses an operation that selects a field outside a partner key's field
 * scopes, naming the first such field (`Customer.balance`). Introspection and
 * `__typename` stay open: the schema is the public documentation.
 */
export function checkFieldAccess(schema: GraphQLSchema, document: DocumentNode, fields: readonly string[]): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  let refused: GraphQLError | null = null;
  visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (refused || node.name.value.startsWith('__')) return;
      const parent = typeInfo.getParentType();
      if (parent && !fieldAllowed(fields, parent.name, node.name.value)) {
        refused = new GraphQLError(`This API key may not read ${parent.name}.${node.name.value}`, {
          nodes: [node],
          extensions: { code: 'FORBIDDEN', field: `${parent.name}.${node.name.value}`, http: { status: 403 } },
        });
      }
    },
  }));
  return refused;
}
