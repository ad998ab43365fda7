/**
 * `npm run bench`: the performance benchmark (not part of `npm test`). On the
 * database of `npm start`, it seeds the scale data (idempotent: quick when it
 * is there), starts our system and the peer gateway on free ports, checks that
 * our gateway, the peer and the hand-written statement give the same customer
 * 360, warms up, measures every figure `--runs` times for `--duration`
 * seconds, prints a table (min / median / max) and the targets, and writes
 * bench/results.json. The event pipeline's figures (relay throughput and
 * subscriber latency, bench/src/figures/events.ts) are measured on each bus of
 * `--event-buses` (default: EVENT_BUS, else postgres), on a database of their own.
 *
 *   npm run bench -- --runs 3 --duration 5 --warmup 5 --scale 1 --search-scale 10 \
 *     --event-buses postgres,nats --events 20000 --event-rate 500 --event-seconds 10
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUS_KINDS, scalePlan, type BusKind } from '@c360/kit';
import { openLocalDatabase } from '@c360/scripts/local-database';
import { SUBGRAPH_NAMES, prepareDatabase } from '@c360/scripts/system';
import { parseArgs, positiveNumber } from './src/args.ts';
import { describeDataset } from './src/dataset.ts';
import { Customer360Bench, pickCustomers } from './src/figures/customer360.ts';
import { measureEvents } from './src/figures/events.ts';
import { peakMemory } from './src/figures/memory.ts';
import { measureSearch } from './src/figures/search.ts';
import { countStatements } from './src/figures/statements.ts';
import { measureWrites } from './src/figures/writes.ts';
import { CUSTOMER_360_PAGE } from './src/queries.ts';
import { table, verdictTable, verdicts } from './src/report.ts';
import { scalePlans, seedScaleData } from './src/seed.ts';
import { StatementCounter } from './src/statements.ts';
import { asTenant, startSystems } from './src/systems.ts';

const args = parseArgs({
  runs: '3', duration: '5', warmup: '5', scale: '1', tenant: 'scale', 'search-scale': '10',
  'event-buses': process.env.EVENT_BUS ?? 'postgres', events: '20000', 'event-rate': '500', 'event-seconds': '10',
});
const eventBuses = args['event-buses'].split(',').map((bus) => bus.trim()) as BusKind[];
if (!eventBuses.every((bus) => BUS_KINDS.includes(bus))) {
  console.error(`--event-buses must list some of ${BUS_KINDS.join(', ')}, not "${args['event-buses']}"`);
  process.exit(2);
}
const options = {
  runs: Math.round(positiveNumber(args.runs, 'runs')),
  seconds: positiveNumber(args.duration, 'duration'),
  warmup: positiveNumber(args.warmup, 'warmup'),
  scale: positiveNumber(args.scale, 'scale'),
  tenant: args.tenant,
  searchScale: positiveNumber(args['search-scale'], 'search-scale'),
  events: {
    buses: eventBuses,
    events: Math.round(positiveNumber(args.events, 'events')),
    rate: positiveNumber(args['event-rate'], 'event-rate'),
    seconds: positiveNumber(args['event-seconds'], 'event-seconds'),
  },
};
const searchTenant = `${options.tenant}-search`;
const WRITES_TENANT = 'bench-writes';
const log = (line: string) => console.log(`[bench] ${line}`);
const started = new Date();
const loadBefore = loadavg();

const database = await openLocalDatabase(log);
try {
  const { adminUrl } = database;
  await prepareDatabase(adminUrl, { demo: false, log });
  await seedScaleData(adminUrl, scalePlans(options.tenant, options.scale), { log });
  // Search is a customers-only query: its tenant needs the customers alone, ten times over.
  await seedScaleData(adminUrl, [scalePlan(searchTenant, `Search at scale ${options.searchScale}`, options.searchScale)], { only: ['customers'], log });
  const dataset = await describeDataset(adminUrl, [options.tenant, searchTenant]);
  const customers = await pickCustomers(adminUrl, options.tenant);
  log(`customers: ${customers.map((customer) => `${customer.ids.length} ${customer.label} (the first: ${customer.invoices} invoices, ${customer.tickets} tickets)`).join('; ')}`);

  const systems = await startSystems(adminUrl, log);
  const counter = await StatementCounter.open(adminUrl);
  const customer360 = new Customer360Bench({
    ours: await asTenant(systems.gateways.ours, options.tenant),
    peer: await asTenant(systems.gateways.peer, options.tenant),
  }, options.tenant, (gateway) => {
    const processes = systems.processes();
    return { gateway: processes[gateway === 'ours' ? 'gateway' : 'peer']!, subgraphs: SUBGRAPH_NAMES.flatMap((name) => processes[name]!) };
  });
  try {
    await customer360.open(adminUrl);
    const payloadBytes: Record<string, number> = {};
    for (const customer of customers) payloadBytes[customer.label] = await customer360.checkSameAnswers(customer);
    log(`our gateway, the peer and the limit's statement give the same 360 (${JSON.stringify(payloadBytes)} bytes)`);
    const pageBytes: Record<string, number> = {};
    for (const customer of customers) pageBytes[customer.label] = await customer360.checkSamePage(customer);
    log(`our gateway and the peer give the same whole page (${JSON.stringify(pageBytes)} bytes)`);

    log(`warming up for ${options.warmup} s per target and customer`);
    for (const customer of customers) {
      for (const target of ['ours', 'peer', 'limit'] as const) await customer360.run(target, customer, 8, options.warmup);
      for (const target of ['ours', 'peer'] as const) await customer360.run(target, customer, 8, options.warmup, CUSTOMER_360_PAGE);
    }
    const statements = counter ? await countStatements(counter, await asTenant(systems.gateways.ours, options.tenant), customers) : null;
    if (!statements) log('pg_stat_statements is not loaded on this server: statement counts skipped');
    const figures360 = await customer360.measure(customers, options.runs, options.seconds, log);
    const page = await customer360.measurePage(customers, options.runs, options.seconds, log);
    const search = await measureSearch(await asTenant(systems.gateways.ours, searchTenant), options.runs, options.seconds, log);
    const writes = await measureWrites(await asTenant(systems.gateways.ours, WRITES_TENANT), options.runs, options.seconds, log);
    const memory = peakMemory(systems.processes());
    const events = [];
    for (const bus of options.events.buses) events.push(await measureEvents(adminUrl, { ...options.events, bus, runs: options.runs }, log));

    const loads = [...[figures360, page].flatMap((figures) => Object.values(figures).flatMap((byTarget) => Object.values(byTarget).flatMap((byC) => Object.values(byC)))), search, writes.upsertCustomer, writes.createInvoice];
    const judged = verdicts({
      customer360: figures360, statements, search, events,
      errors: loads.reduce((total, load) => total + load.errors, 0),
      timeouts: loads.reduce((total, load) => total + load.timeouts, 0),
    });
    const results = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cores: availableParallelism(), cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version,
        postgres: dataset.postgres, loadAverage1m: { before: loadBefore[0], after: loadavg()[0] },
      },
      options,
      gatewayWorkers: systems.workers,
      dataset: dataset.rows,
      customers,
      payloadBytes,
      pageBytes,
      customer360: figures360,
      page,
      statementsPerRequest: statements,
      search: { tenant: searchTenant, customers: dataset.rows[searchTenant]?.['customers.customer'], ...search },
      writes,
      events,
      peakRssMiB: memory,
      targets: judged,
    };
    await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${table({ customer360: figures360, page, search, writes, events })}`);
    if (statements) {
      console.log(`\nSQL statements per request (at the database): 360 ${Object.entries(statements.customer360).map(([label, f]) => `${label} ${f.perRequest} ${JSON.stringify(f.bySubgraph)}`).join(', ')}; whole page ${Object.entries(statements.page).map(([label, f]) => `${label} ${f.perRequest} ${JSON.stringify(f.bySubgraph)}`).join(', ')}; list page 5 rows ${statements.listPage.first5.perRequest}, 50 rows ${statements.listPage.first50.perRequest}`);
    }
    console.log(`\nPeak RSS (MiB): ${Object.entries(memory).map(([name, m]) => `${name} ${m.total.toFixed(0)}${m.processes > 1 ? ` (${m.processes} processes, max ${m.maxPerProcess.toFixed(0)})` : ''}`).join(', ')}`);
    console.log(`\n${verdictTable(judged)}\n\nbench/results.json written (load average ${loadBefore[0]!.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`);
  } finally {
    await customer360.close();
    await counter?.close();
    await systems.stop();
  }
} finally {
  await database.stop();
}
