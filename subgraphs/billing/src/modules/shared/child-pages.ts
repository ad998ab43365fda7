import {
  childPages, emptyConnection, groupedByArgsLoader, isUuid,
  type ChildPageQuery, type ChildPageRow, type Connection, type EntityManager, type PageRequest,
} from '@c360/kit';

type PageRow = ChildPageRow & Record<string, unknown>;

/**
 * A connection field on a parent (`Customer.invoices`, `Customer.quotes`...):
 * one statement per request for the pages of all the parents asking with the
 * same arguments (kit `childPages`: a LATERAL index range scan per parent).
 * `toNode` maps each row (the customer 360's invoices and payments as plain
 * rows, kit `rowReader`); a parent id that is not a UUID (a forged
 * representation) has no children and never reaches the `::uuid[]` cast.
 */
export function childPageLoader<T>(
  em: EntityManager,
  tenantId: string,
  query: ChildPageQuery,
  toNode: (columns: Record<string, unknown>) => T,
  sortOf: (node: T) => Date,
  idOf: (node: T) => string,
) {
  return groupedByArgsLoader<string, PageRequest, Connection<T>>(
    async (parentIds, request) => {
      const valid = parentIds.filter(isUuid);
      if (valid.length === 0) return new Map();
      return childPages(
        (sql, params) => em.execute<PageRow[]>(sql, params),
        { ...query, tenantId, parentIds: valid, request },
        ({ page_parent_id: _parent, total_count: _count, ...columns }) => toNode(columns),
        (node) => ({ sort: sortOf(node).toISOString(), id: idOf(node) }),
      );
    },
    () => emptyConnection<T>(),
  );
}

export type ChildPageLoader<T> = ReturnType<typeof childPageLoader<T>>;
