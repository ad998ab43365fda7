import {
  badInput, emptyConnection, isUuid, toConnection, uuidArray,
  type Connection, type CursorPosition, type EntityManager, type PageRequest,
} from '@c360/kit';

/** An ordering column of a record list: always descending, `id` descending breaks ties. */
export interface OrderKey {
  column: string;
  /** SQL type the cursor's value is cast back to. */
  type: 'timestamptz' | 'date' | 'boolean';
}

export interface RecordPageQuery {
  /** Schema-qualified table, e.g. `customers.note`. */
  table: string;
  order: OrderKey[];
  /** Extra conditions on the table's alias `t` (current rows only, filters), with their parameters. */
  where?: { sql: string; params: unknown[] };
}

/**
 * Pages of a customer's records for many customers in one statement, like the
 * kit's `childPages` but with several order keys (notes: pinned, then newest)
 * and extra conditions (current rows, history filters), which it does not
 * take. A LATERAL join per customer walks the index `(tenant_id, customer_id,
 * <order keys> DESC, id DESC)` and stops after `first + 1` rows; a customer
 * without rows still yields one row carrying its count.
 */
export async function recordPages<Node extends { id: string }>(
  em: EntityManager,
  tenantId: string,
  customerIds: readonly string[],
  query: RecordPageQuery,
  request: PageRequest,
  toNode: (row: Record<string, unknown>) => Node,
): Promise<Map<string, Connection<Node>>> {
  const parentIds = customerIds.filter(isUuid);
  const connections = new Map<string, Connection<Node>>();
  if (parentIds.length === 0) return connections;
  const keys = query.order.map((key) => `t.${key.column}`);
  const extra = query.where ? `AND ${query.where.sql}` : '';
  const extraParams = query.where?.params ?? [];
  const after = request.after ? cursorValues(request.after, query.order) : null;
  const afterSql = after
    ? `AND (${keys.join(', ')}, t.id) < (${query.order.map((key) => `?::${key.type}`).join(', ')}, ?::uuid)`
    : '';
  const rows = await em.execute<Record<string, unknown>[]>(
    `SELECT parent.id AS page_parent_id, totals.total_count, c.*
     FROM unnest(?::uuid[]) WITH ORDINALITY AS parent(id, n)
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS total_count FROM ${query.table} t WHERE t.tenant_id = ? AND t.customer_id = parent.id ${extra}
     ) totals
     LEFT JOIN LATERAL (
       SELECT t.* FROM ${query.table} t
       WHERE t.tenant_id = ? AND t.customer_id = parent.id ${extra} ${afterSql}
       ORDER BY ${keys.map((key) => `${key} DESC`).join(', ')}, t.id DESC
       LIMIT ?
     ) c ON true
     ORDER BY parent.n, ${query.order.map((key) => `c.${key.column} DESC`).join(', ')}, c.id DESC`,
    [uuidArray(parentIds), tenantId, ...extraParams, tenantId, ...extraParams, ...(after ?? []), request.first + 1],
  );
  const byParent = new Map<string, { nodes: Node[]; total: number }>();
  for (const { page_parent_id: parent, total_count: total, ...columns } of rows) {
    const entry = byParent.get(parent as string) ?? { nodes: [], total: total as number };
    if (columns.id !== null) entry.nodes.push(toNode(columns));
    byParent.set(parent as string, entry);
  }
  for (const id of customerIds) {
    const entry = byParent.get(id);
    connections.set(id, entry ? toConnection(entry.nodes, request, entry.total, (node) => positionOf(node, query.order)) : emptyConnection());
  }
  return connections;
}

/** The cursor of a record: its order-key values (JSON in `sort`) and its id. */
function positionOf(node: { id: string }, order: OrderKey[]): CursorPosition {
  const values = order.map((key) => {
    const value = (node as unknown as Record<string, unknown>)[camel(key.column)];
    return value instanceof Date ? value.toISOString() : value;
  });
  return { sort: JSON.stringify(values), id: node.id };
}

function cursorValues(position: CursorPosition, order: OrderKey[]): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(position.sort);
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values.length !== order.length || !isUuid(position.id)) throw badInput('after', 'is not a cursor returned by this list');
  return [...values.map((value) => (typeof value === 'boolean' ? String(value) : value)), position.id];
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
