/** What one load run measured. Latencies in milliseconds. */
export interface LoadFigures {
  requests: number;
  /** Requests per second over the run. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Failed requests: transport errors, non-2xx answers, GraphQL errors, wrong answers. */
  errors: number;
  timeouts: number;
  /** CPU time per request of the gateway's processes and of the four subgraphs, when watched. */
  gatewayCpuMs?: number;
  subgraphsCpuMs?: number;
}

/** min / median / max of one figure over the repeated runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(latencies: number[], seconds: number, failures: { errors: number; timeouts: number }): LoadFigures {
  const values = Array.from(Float64Array.from(latencies).sort());
  return {
    requests: values.length,
    rps: values.length / seconds,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.at(-1) ?? Number.NaN,
    // A run in which nothing came back failed, whatever the client counted.
    errors: failures.errors + (values.length === 0 ? 1 : 0),
    timeouts: failures.timeouts,
  };
}

export function spread(runs: number[]): Spread {
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)!, runs };
}

/** Each figure of repeated runs as its spread; errors and timeouts are totals. */
export function spreadOf(runs: LoadFigures[]) {
  const of = (key: keyof LoadFigures) => spread(runs.map((run) => run[key] ?? Number.NaN));
  return {
    rps: of('rps'), p50: of('p50'), p95: of('p95'), p99: of('p99'), max: of('max'),
    ...(runs[0]?.gatewayCpuMs === undefined ? {} : { gatewayCpuMs: of('gatewayCpuMs'), subgraphsCpuMs: of('subgraphsCpuMs') }),
    requests: runs.reduce((total, run) => total + run.requests, 0),
    errors: runs.reduce((total, run) => total + run.errors, 0),
    timeouts: runs.reduce((total, run) => total + run.timeouts, 0),
  };
}

export type LoadSpread = ReturnType<typeof spreadOf>;
