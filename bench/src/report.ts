import type { Customer360Figures, PageFigures } from './figures/customer360.ts';
import type { EventsFigures } from './figures/events.ts';
import type { StatementsResult } from './figures/statements.ts';
import type { LoadSpread, Spread } from './stats.ts';

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** The targets, judged on the medians of the runs. */
export function verdicts(input: {
  customer360: Customer360Figures;
  statements: StatementsResult | null;
  search: LoadSpread;
  events?: EventsFigures[];
  errors: number;
  timeouts: number;
}): Verdict[] {
  const list: Verdict[] = [];
  for (const [label, figures] of Object.entries(input.customer360)) {
    const p99 = figures.ours.c1.p99.median / figures.limit.c1.p99.median;
    list.push({ target: `360 p99 at c=1 ≤ 5× the limit's (${label})`, measured: `${fixed(p99, 1)}×`, met: p99 <= 5 });
    const share = figures.ours.c32.rps.median / figures.limit.c32.rps.median;
    list.push({ target: `360 throughput at c=32 ≥ 50 % of the limit's (${label})`, measured: `${fixed(share * 100, 0)} %`, met: share >= 0.5 });
    for (const c of ['c8', 'c32'] as const) {
      const ratio = figures.ours[c].rps.median / figures.peer[c].rps.median;
      list.push({ target: `360 throughput at ${c.replace('c', 'c=')} ≥ 1.0× the peer's (${label})`, measured: `${fixed(ratio)}×`, met: ratio >= 1 });
    }
  }
  if (input.statements) {
    const { customer360, listPage } = input.statements;
    const sizes = Object.values(customer360).map((figures) => figures.perRequest);
    list.push({ target: 'SQL statements per 360 request constant in data size (typical = heavy)', measured: sizes.join(' = '), met: new Set(sizes).size === 1 });
    list.push({
      target: 'SQL statements per list page constant in page size (5 rows = 50 rows)',
      measured: `${listPage.first5.perRequest} / ${listPage.first50.perRequest}`,
      met: listPage.first5.perRequest === listPage.first50.perRequest,
    });
  }
  list.push({ target: 'search p95 ≤ 15 ms through the gateway (scale 10)', measured: `${fixed(input.search.p95.median)} ms`, met: input.search.p95.median <= 15 });
  list.push(...eventVerdicts(input.events ?? []));
  list.push({ target: 'no error and no timeout in any run', measured: `${input.errors} errors, ${input.timeouts} timeouts`, met: input.errors + input.timeouts === 0 });
  return list;
}

/** Issue 9's targets for the event pipeline, per bus, judged on the medians of the runs. */
export function eventVerdicts(figures: EventsFigures[]): Verdict[] {
  return figures.flatMap(({ bus, relay, subscriber }) => [
    { target: `relay ≥ 2 000 events/s (${bus} bus)`, measured: `${fixed(relay.perSecond.median, 0)} /s`, met: relay.perSecond.median >= 2000 },
    {
      target: `subscriber p99 ≤ 100 ms at ${subscriber.rate} events/s, none lost (${bus} bus)`,
      measured: `${fixed(subscriber.p99.median, 0)} ms, ${subscriber.lost} lost`,
      met: subscriber.rate >= 500 && subscriber.p99.median <= 100 && subscriber.lost === 0,
    },
  ]);
}

type Row = [label: string, spread: Spread | null, unit: string];

/** The printed table: one figure per row, min / median / max over the runs. */
export function table(input: { customer360: Customer360Figures; page: PageFigures; search: LoadSpread; writes: { upsertCustomer: LoadSpread; createInvoice: LoadSpread }; events?: EventsFigures[] }): string {
  const rows: Row[] = [];
  for (const [label, figures] of Object.entries(input.customer360)) {
    for (const target of ['ours', 'peer', 'limit'] as const) {
      const f = figures[target];
      rows.push([`360 ${label} ${target} c=1 p50`, f.c1.p50, 'ms'], [`360 ${label} ${target} c=1 p99`, f.c1.p99, 'ms']);
      rows.push([`360 ${label} ${target} c=8 throughput`, f.c8.rps, 'req/s'], [`360 ${label} ${target} c=32 throughput`, f.c32.rps, 'req/s']);
      if (f.c8.gatewayCpuMs) rows.push([`360 ${label} ${target} c=8 CPU/request gateway`, f.c8.gatewayCpuMs, 'ms'], [`360 ${label} ${target} c=8 CPU/request subgraphs`, f.c8.subgraphsCpuMs ?? null, 'ms']);
    }
  }
  for (const [label, figures] of Object.entries(input.page)) {
    for (const [target, f] of Object.entries(figures)) {
      rows.push([`page ${label} ${target} c=1 p50`, f.c1.p50, 'ms'], [`page ${label} ${target} c=1 p99`, f.c1.p99, 'ms'], [`page ${label} ${target} c=32 throughput`, f.c32.rps, 'req/s']);
      rows.push([`page ${label} ${target} c=1 CPU/request gateway`, f.c1.gatewayCpuMs ?? null, 'ms'], [`page ${label} ${target} c=1 CPU/request subgraphs`, f.c1.subgraphsCpuMs ?? null, 'ms']);
    }
  }
  rows.push(['search (scale 10) p50', input.search.p50, 'ms'], ['search (scale 10) p95', input.search.p95, 'ms'], ['search (scale 10) p99', input.search.p99, 'ms']);
  rows.push(['upsertCustomer c=8', input.writes.upsertCustomer.rps, '/s'], ['upsertCustomer c=8 p50', input.writes.upsertCustomer.p50, 'ms']);
  rows.push(['createInvoice c=8', input.writes.createInvoice.rps, '/s'], ['createInvoice c=8 p50', input.writes.createInvoice.p50, 'ms']);
  for (const { bus, relay, subscriber } of input.events ?? []) {
    rows.push([`events relay (${bus})`, relay.perSecond, 'events/s']);
    for (const p of ['p50', 'p99'] as const) rows.push([`events subscriber ${subscriber.rate}/s ${p} (${bus})`, subscriber[p], 'ms']);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  const cell = (value: number | undefined, unit: string) => (value === undefined ? '' : fixed(value, unit === 'ms' ? 2 : 0)).padStart(9);
  const lines = [`${'figure'.padEnd(width)} ${'min'.padStart(9)} ${'median'.padStart(9)} ${'max'.padStart(9)}  unit`];
  for (const [label, spread, unit] of rows) lines.push(`${label.padEnd(width)} ${cell(spread?.min, unit)} ${cell(spread?.median, unit)} ${cell(spread?.max, unit)}  ${unit}`);
  return lines.join('\n');
}

export function verdictTable(list: Verdict[]): string {
  const width = Math.max(...list.map((verdict) => verdict.target.length));
  return list.map((verdict) => `${verdict.met ? 'met   ' : 'MISSED'} ${verdict.target.padEnd(width)}  ${verdict.measured}`).join('\n');
}
