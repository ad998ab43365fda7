/**
 * `node bench/focus.ts`: the figures the performance work is judged on, in a
 * few minutes instead of the full benchmark's eight. Our gateway only (no
 * peer): the Customer 360 of a typical and of a heavy customer at c=1 and
 * c=32 beside the limit's statement, the ops app's whole customer page, the CPU time per request of the gateway
 * and of each subgraph, the SQL statements per request, and the customer
 * search at scale 10. Prints JSON ([min, median, max] over the runs) with the
 * machine's load average before and after; writes nothing. `--profile <dir>`
 * runs the gateway and the subgraphs with `node --cpu-prof`: each writes a
 * .cpuprofile there when it stops (open it in Chrome DevTools or VS Code).
 *
 *   node bench/focus.ts --runs 3 --duration 5 --warmup 3 --scale 1 --search-scale 10 [--seed false] [--profile /tmp/profiles]
 */
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { scalePlan } from '@c360/kit';
import { openLocalDatabase } from '@c360/scripts/local-database';
import { SUBGRAPH_NAMES, freePort, prepareDatabase, startSystem } from '@c360/scripts/system';
import { parseArgs, positiveNumber } from './src/args.ts';
import { Customer360Bench, pickCustomers } from './src/figures/customer360.ts';
import { measureSearch } from './src/figures/search.ts';
import { CUSTOMER_360_PAGE } from './src/queries.ts';
import { countStatements } from './src/figures/statements.ts';
import { childRunning, cpuMs, treeOf } from './src/processes.ts';
import { scalePlans, seedScaleData } from './src/seed.ts';
import { StatementCounter } from './src/statements.ts';
import { spread } from './src/stats.ts';
import { asTenant } from './src/systems.ts';

const args = parseArgs({ runs: '3', duration: '5', warmup: '3', scale: '1', tenant: 'scale', 'search-scale': '10', profile: '', seed: 'true' });
const runs = Math.round(positiveNumber(args.runs, 'runs'));
const seconds = positiveNumber(args.duration, 'duration');
const warmup = positiveNumber(args.warmup, 'warmup');
const searchTenant = `${args.tenant}-search`;
const log = (line: string) => console.error(`[focus] ${line}`);
const loadBefore = loadavg();

const database = await openLocalDatabase(log);
try {
  const { adminUrl } = database;
  await prepareDatabase(adminUrl, { demo: false, log });
  // `--seed false` measures the data already there (e.g. while a domain's seeder is being changed).
  if (args.seed !== 'false') {
    await seedScaleData(adminUrl, scalePlans(args.tenant, positiveNumber(args.scale, 'scale')), { log });
    const searchScale = positiveNumber(args['search-scale'], 'search-scale');
    await seedScaleData(adminUrl, [scalePlan(searchTenant, `Search at scale ${searchScale}`, searchScale)], { only: ['customers'], log });
  }
  const customers = await pickCustomers(adminUrl, args.tenant);

  const workers = availableParallelism();
  const ports = { gateway: await freePort(), customers: await freePort(), billing: await freePort(), service: await freePort(), support: await freePort() };
  const profiling = args.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(args.profile)}` } : {};
  const system = await startSystem({ adminUrl, ports, gatewayWorkers: workers, env: profiling, output: (name, line) => /error|warn/i.test(line) && log(`[${name}] ${line}`) });
  const gateway = system.gatewayUrl.replace('localhost', '127.0.0.1');
  const pids = {
    gateway: treeOf(childRunning('gateway/src/main.ts')!),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [childRunning(`subgraphs/${name}/src/main.ts`)!]])),
  };
  const counter = await StatementCounter.open(adminUrl);
  const bench = new Customer360Bench({ ours: await asTenant(gateway, args.tenant) }, args.tenant, () => ({ gateway: pids.gateway, subgraphs: [] }));
  try {
    await bench.open(adminUrl);
    for (const customer of customers) await bench.checkSameAnswers(customer);
    for (const customer of customers) await bench.checkSamePage(customer);
    for (const customer of customers) {
      await bench.run('ours', customer, 8, warmup);
      await bench.run('ours', customer, 8, warmup, CUSTOMER_360_PAGE);
      await bench.run('limit', customer, 8, warmup);
    }

    const collected: Record<string, Record<string, number[]>> = {};
    const add = (key: string, figure: string, value: number) => {
      collected[key] ??= {};
      (collected[key][figure] ??= []).push(value);
    };
    for (let run = 1; run <= runs; run += 1) {
      for (const customer of customers) {
        for (const concurrency of [1, 32] as const) {
          const before = Object.fromEntries(Object.entries(pids).map(([name, list]) => [name, cpuMs(list)]));
          const ours = await bench.run('ours', customer, concurrency, seconds);
          const key = `${customer.label}/c${concurrency}`;
          add(key, 'rps', ours.rps);
          add(key, 'p50', ours.p50);
          add(key, 'p99', ours.p99);
          add(key, 'errors', ours.errors + ours.timeouts);
          for (const [name, list] of Object.entries(pids)) add(key, `cpuMs.${name}`, (cpuMs(list) - before[name]!) / Math.max(1, ours.requests));
          const limit = await bench.run('limit', customer, concurrency, seconds);
          add(key, 'limit.rps', limit.rps);
          add(key, 'limit.p50', limit.p50);
          add(key, 'limit.p99', limit.p99);
          log(`run ${run}/${runs} ${key}: ours ${ours.rps.toFixed(0)} req/s p50 ${ours.p50.toFixed(2)} p99 ${ours.p99.toFixed(2)} ms; limit ${limit.rps.toFixed(0)} req/s p50 ${limit.p50.toFixed(2)} ms`);
          const page = await bench.run('ours', customer, concurrency, seconds, CUSTOMER_360_PAGE);
          for (const figure of ['rps', 'p50', 'p99'] as const) add(`page ${key}`, figure, page[figure]);
          add(`page ${key}`, 'errors', page.errors + page.timeouts);
          log(`run ${run}/${runs} page ${key}: ours ${page.rps.toFixed(0)} req/s p50 ${page.p50.toFixed(2)} p99 ${page.p99.toFixed(2)} ms`);
        }
      }
    }
    const statements = counter ? await countStatements(counter, await asTenant(gateway, args.tenant), customers) : null;
    const search = await measureSearch(await asTenant(gateway, searchTenant), runs, seconds, log);

    // [min, median, max] over the runs, to 0.01.
    const spreadOf = (values: number[]) => {
      const { min, median, max } = spread(values);
      return [min, median, max].map((value) => Math.round(value * 100) / 100);
    };
    console.log(JSON.stringify({
      at: new Date().toISOString(),
      loadAverage1m: { before: loadBefore[0], after: loadavg()[0] },
      cores: workers,
      runs, seconds,
      customer360: Object.fromEntries(Object.entries(collected).map(([key, figures]) =>
        [key, Object.fromEntries(Object.entries(figures).map(([figure, values]) => [figure, spreadOf(values)]))])),
      statementsPerRequest: statements && {
        ...Object.fromEntries(Object.entries(statements.customer360).map(([label, figures]) => [`360 ${label}`, figures.bySubgraph])),
        ...Object.fromEntries(Object.entries(statements.page).map(([label, figures]) => [`page ${label}`, figures.bySubgraph])),
        'list page 5': statements.listPage.first5.bySubgraph,
        'list page 50': statements.listPage.first50.bySubgraph,
      },
      search: { p50: spreadOf(search.p50.runs), p95: spreadOf(search.p95.runs), p99: spreadOf(search.p99.runs), errors: search.errors },
    }, null, 2).replace(/\[\s+([-\d.,\s]+?)\s+\]/g, (_match, numbers: string) => `[${numbers.split(/,\s*/).join(', ')}]`));
  } finally {
    await bench.close();
    await counter?.close();
    await system.stop();
  }
} finally {
  await database.stop();
}
