import pg from 'pg';

/*
 * Helpers for the statements of scale data (`scale.ts`): shares of a total,
 * plan-to-table inserts, fixed choices written into SQL.
 */

/**
 * SQL for this row's share of `total`, proportional to `weight`, over rows in
 * `order`: cumulative rounding, so that the shares add up to exactly `total`
 * and none exceeds ceil(weight × total / sum of weights).
 */
export function shareSql(total: string, weight: string, order: string): string {
  const running = `sum((${weight})::numeric) OVER (ORDER BY ${order})`;
  const all = `nullif(sum((${weight})::numeric) OVER (), 0)`;
  return `coalesce(floor(${total}::numeric * ${running} / ${all}) - floor(${total}::numeric * (${running} - (${weight})::numeric) / ${all}), 0)::int`;
}

/**
 * The statement that writes rows [$2, $3) of a plan (a temp table numbered
 * `n`, as `planShares` makes them) into `table`, for the tenant $1: the
 * `copied` columns are the plan's columns of the same name, the `computed`
 * ones SQL over the plan row `p` (and further parameters from $4).
 */
export function insertPlannedSql(table: string, plan: string, copied: readonly string[], computed: Record<string, string> = {}): string {
  const columns = [...copied, ...Object.keys(computed)];
  const values = [...copied.map((column) => `p.${column}`), ...Object.values(computed)];
  return `INSERT INTO ${table} (tenant_id, ${columns.join(', ')})
    SELECT $1, ${values.join(', ')}
    FROM pg_temp.${plan} p
    WHERE p.n >= $2 AND p.n < $3
    ORDER BY p.n
    ON CONFLICT DO NOTHING`;
}

/** `shareSql` in JavaScript: each weight's share of `total` by cumulative rounding; the shares add up to exactly `total`. */
export function shares(total: number, weights: readonly number[]): number[] {
  const all = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  let given = 0;
  return weights.map((weight, index) => {
    running += weight;
    const upTo = all <= 0 ? 0 : index === weights.length - 1 ? total : Math.floor((total * running) / all);
    const share = upTo - given;
    given = upTo;
    return share;
  });
}

/** Values repeated by weight, for `scale_pick`: `weighted({ LOW: 1, NORMAL: 3 })` picks NORMAL three times in four. */
export function weighted<V extends string>(weights: Partial<Record<V, number>>): V[] {
  return (Object.entries(weights) as [V, number][]).flatMap(([value, weight]) => Array<V>(weight).fill(value));
}

/** A SQL array literal of texts, e.g. `'{"LOW","NORMAL"}'::text[]`, to write fixed choices into a statement. */
export function sqlTextArray(values: readonly string[]): string {
  const elements = values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return `${pg.escapeLiteral(`{${elements.join(',')}}`)}::text[]`;
}
