import { badInput } from '../errors.ts';
import { uuidArray } from '../ids.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: how many rows, and the position after which to start. */
export interface PageRequest {
  first: number;
  after: CursorPosition | null;
}

/** Where a row sits in a list ordered by `sort` (descending) then `id`. */
export interface CursorPosition {
  sort: string;
  id: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): CursorPosition {
  try {
    const [sort, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof sort === 'string' && typeof id === 'string') return { sort, id };
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'is not a cursor returned by this list');
}

/** Validates `first`/`after`; `first` above the hard maximum is an error, not a silent cut. */
export function pageRequest(args: PageArgs, defaultSize = DEFAULT_PAGE_SIZE): PageRequest {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be an integer between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

/**
 * Builds a connection from up to `first + 1` rows (the extra row only tells
 * whether there is a next page).
 */
export function toConnection<T>(rows: T[], request: PageRequest, totalCount: number, positionOf: (row: T) => CursorPosition): Connection<T> {
  const page = rows.slice(0, request.first);
  const edges = page.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > request.first,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

export function emptyConnection<T>(): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
}

export interface ChildPageQuery {
  /** Schema-qualified table, e.g. `billing.invoice`. */
  table: string;
  /** Column naming the parent, e.g. `customer_id`. */
  parentColumn: string;
  /** Column the list is ordered by (descending), e.g. `issued_at`. */
  sortColumn: string;
  /** SQL cast that turns the cursor's sort string back into the column's type. */
  sortType: string;
  /** An extra condition on the children (alias `t`), e.g. a status filter, with its parameters. */
  where?: { sql: string; params: unknown[] };
}

/**
 * One statement for a page of children of many parents: a LATERAL join does an
 * index range scan per parent (tenant, parent, sort desc, id desc) and stops at
 * `first + 1` rows; the count per parent is an index-only scan. A parent whose
 * page is empty still yields one row (all child columns null) carrying its count.
 * Parameters: parent ids, tenant, [where params], tenant, [where params], cursor sort (twice), cursor id, limit.
 */
export function childPageSql(query: ChildPageQuery): string {
  const { table, parentColumn, sortColumn, sortType } = query;
  const where = query.where ? `AND ${query.where.sql}` : '';
  return `SELECT parent.id AS page_parent_id, totals.total_count, c.*
    FROM unnest(?::uuid[]) WITH ORDINALITY AS parent(id, n)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total_count FROM ${table} t WHERE t.tenant_id = ? AND t.${parentColumn} = parent.id ${where}
    ) totals
    LEFT JOIN LATERAL (
      SELECT t.* FROM ${table} t
      WHERE t.tenant_id = ? AND t.${parentColumn} = parent.id ${where}
        AND (?::text IS NULL OR (t.${sortColumn}, t.id) < (?::${sortType}, ?::uuid))
      ORDER BY t.${sortColumn} DESC, t.id DESC
      LIMIT ?
    ) c ON true
    ORDER BY parent.n, c.${sortColumn} DESC, c.id DESC`;
}

export interface ChildPageRow {
  page_parent_id: string;
  total_count: number;
  id: string | null;
}

/** Runs `childPageSql` and folds the rows into one connection per parent. */
export async function childPages<Row extends ChildPageRow, Node>(
  execute: (sql: string, params: unknown[]) => Promise<Row[]>,
  query: ChildPageQuery & { tenantId: string; parentIds: string[]; request: PageRequest },
  toNode: (row: Row) => Node,
  positionOf: (node: Node) => CursorPosition,
): Promise<Map<string, Connection<Node>>> {
  const { tenantId, parentIds, request } = query;
  const after = request.after;
  const whereParams = query.where?.params ?? [];
  const rows = await execute(childPageSql(query), [
    uuidArray(parentIds), tenantId, ...whereParams, tenantId, ...whereParams, after?.sort ?? null, after?.sort ?? null, after?.id ?? null, request.first + 1,
  ]);
  const byParent = new Map<string, { nodes: Node[]; total: number }>();
  for (const row of rows) {
    const entry = byParent.get(row.page_parent_id) ?? { nodes: [], total: row.total_count };
    if (row.id !== null) entry.nodes.push(toNode(row));
    byParent.set(row.page_parent_id, entry);
  }
  const connections = new Map<string, Connection<Node>>();
  for (const id of parentIds) {
    const entry = byParent.get(id);
    connections.set(id, entry ? toConnection(entry.nodes, request, entry.total, positionOf) : emptyConnection());
  }
  return connections;
}
