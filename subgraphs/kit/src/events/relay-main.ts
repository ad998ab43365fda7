/**
 * The outbox relay as a process of its own, for a subgraph started with
 * OUTBOX_RELAY=false: `SCHEMA=customers DATABASE_URL=... node subgraphs/kit/src/events/relay-main.ts`
 * (plus the bus variables, as for the subgraph). Killing it loses nothing:
 * whatever it had not marked published is published again when it restarts.
 */
import { z } from 'zod';
import { parseEnv } from '../env.ts';
import { busEnvShape, openEventBus } from './bus.ts';
import { OutboxRelay } from './relay.ts';

const env = parseEnv(z.object({
  ...busEnvShape,
  SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a schema name'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  BUS_DATABASE_URL: z.url().optional(),
}));

const bus = await openEventBus(env, env.BUS_DATABASE_URL ?? env.DATABASE_URL, `${env.SCHEMA}-relay`);
const relay = new OutboxRelay({ schema: env.SCHEMA, url: env.DATABASE_URL, bus });
await relay.start();
console.log(`${env.SCHEMA} relay running (${bus.kind} bus)`);

const shutdown = async () => {
  await relay.stop();
  await bus.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
