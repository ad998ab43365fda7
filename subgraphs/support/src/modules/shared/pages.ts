import {
  childPages, emptyConnection, groupedByArgsLoader, isUuid, rowReader,
  type ChildPageRow, type Connection, type CursorPosition, type EntityManager,
} from '@c360/kit';
import type { EntityName } from '@mikro-orm/core';
import { restrictedTable, type FilteredPage } from './sql.ts';

/** A list of children under many parents, newest first by a `timestamptz` column. */
export interface ChildList<T extends object, F> {
  entity: EntityName<T>;
  /** Schema-qualified table, e.g. `support.ticket`. */
  table: string;
  parentColumn: string;
  sortColumn: string;
  /** The entity property behind `sortColumn`, for cursors. */
  sortOf: (node: T) => Date;
  idOf: (node: T) => string;
  /** SQL conditions of a filter (see sql.ts), applied to the page and its count alike. */
  conditions: (filter: F) => string[];
}

export type ChildPageLoader<T extends object, F> = ReturnType<typeof groupedByArgsLoader<string, FilteredPage<F>, Connection<T>>>;

/**
 * A loader of filtered pages of children: all parents asking for the same page
 * and filter share one statement (kit `childPages`: a LATERAL index range scan per parent).
 */
export function childPageLoader<T extends object, F>(em: EntityManager, tenantId: string, list: ChildList<T, F>): ChildPageLoader<T, F> {
  // Plain rows, not managed entities: these lists are only read (the customer 360 reads two of them).
  const toNode = rowReader(em, list.entity);
  return groupedByArgsLoader(
    async (parentKeys: string[], args: FilteredPage<F>) => {
      // A parent id that is not a UUID (a forged representation) has no children; it must not reach the ::uuid[] cast.
      const parentIds = parentKeys.filter(isUuid);
      if (parentIds.length === 0) return new Map<string, Connection<T>>();
      return childPages(
        (sql, params) => em.execute<(ChildPageRow & Record<string, unknown>)[]>(sql, params),
        {
          table: restrictedTable(list.table, list.conditions(args.filter)),
          parentColumn: list.parentColumn,
          sortColumn: list.sortColumn,
          sortType: 'timestamptz',
          tenantId,
          parentIds,
          request: args.page,
        },
        ({ page_parent_id: _parent, total_count: _total, ...columns }) => toNode(columns),
        (node): CursorPosition => ({ sort: list.sortOf(node).toISOString(), id: list.idOf(node) }),
      );
    },
    () => emptyConnection<T>(),
  );
}
