import {
  childPages, emptyConnection, groupedByArgsLoader, isUuid,
  type ChildPageQuery, type ChildPageRow, type Connection, type CursorPosition, type EntityManager, type PageRequest,
} from '@c360/kit';

type PageRow = ChildPageRow & Record<string, unknown>;

/** A loader of one page of children per parent, newest first. */
export type ChildPageLoader<Node> = ReturnType<typeof groupedByArgsLoader<string, PageRequest, Connection<Node>>>;

/**
 * Pages of the children of many parents in one statement (the kit's
 * `childPages`: a LATERAL index range scan per parent on
 * `(tenant_id, parent, sort DESC, id DESC)`), for every such list of this subgraph.
 */
export function childPageLoader<Node>(
  em: EntityManager,
  tenantId: string,
  query: ChildPageQuery,
  toNode: (row: Record<string, unknown>) => Node,
  positionOf: (node: Node) => CursorPosition,
): ChildPageLoader<Node> {
  return groupedByArgsLoader(
    async (keys: string[], request: PageRequest) => {
      // A key that is not a UUID (a forged representation) has no children and must not reach the ::uuid[] cast.
      const parentIds = keys.filter(isUuid);
      if (parentIds.length === 0) return new Map<string, Connection<Node>>();
      return childPages(
        (sql, params) => em.execute<PageRow[]>(sql, params),
        { ...query, tenantId, parentIds, request },
        ({ page_parent_id: _parent, total_count: _count, ...columns }) => toNode(columns),
        positionOf,
      );
    },
    () => emptyConnection<Node>(),
  );
}

/** Cursor position of a row sorted by a timestamp column, newest first. */
export const byTime = (time: Date, id: string): CursorPosition => ({ sort: time.toISOString(), id });
