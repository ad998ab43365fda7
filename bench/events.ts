/**
 * `node bench/events.ts`: the event pipeline's figures (issue 9) alone,
 * printed as JSON with their targets; `npm run bench` measures the same
 * (bench/src/figures/events.ts) among its other figures. On a throw-away
 * database of the server of `npm start` (or DATABASE_URL), with the bus of
 * EVENT_BUS (`postgres` by default, `nats`: JetStream at NATS_URL):
 *
 * - relay: events per second an outbox relay moves to the bus (target ≥ 2 000/s);
 * - subscriber: latency from a change's event time to a `customerChanged`
 *   subscriber receiving it, at a steady rate (target p99 ≤ 100 ms at 500/s).
 *
 *   node bench/events.ts --events 20000 --rate 500 --seconds 10 --runs 1
 */
import { BUS_KINDS, type BusKind } from '@c360/kit';
import { openLocalDatabase } from '@c360/scripts/local-database';
import { parseArgs, positiveNumber } from './src/args.ts';
import { measureEvents } from './src/figures/events.ts';
import { eventVerdicts, verdictTable } from './src/report.ts';

const args = parseArgs({ events: '20000', rate: '500', seconds: '10', runs: '1' });
const bus = (process.env.EVENT_BUS ?? 'postgres') as BusKind;
if (!BUS_KINDS.includes(bus)) {
  console.error(`EVENT_BUS must be one of ${BUS_KINDS.join(', ')}, not "${bus}"`);
  process.exit(2);
}
const options = {
  bus,
  events: Math.round(positiveNumber(args.events, 'events')),
  rate: positiveNumber(args.rate, 'rate'),
  seconds: positiveNumber(args.seconds, 'seconds'),
  runs: Math.round(positiveNumber(args.runs, 'runs')),
};
const log = (line: string) => console.error(`[bench events] ${line}`);

const local = await openLocalDatabase(log);
try {
  const figures = await measureEvents(local.adminUrl, options, log);
  const targets = eventVerdicts([figures]);
  console.error(verdictTable(targets));
  console.log(JSON.stringify({ options, ...figures, targets }, null, 2));
} finally {
  await local.stop();
}
