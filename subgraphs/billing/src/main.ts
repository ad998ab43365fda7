import { runSubgraph } from '@c360/kit';
import { loadBillingEnv } from './env.ts';
import { BillingJobs } from './jobs/collections.jobs.ts';
import { startBillingScheduler } from './jobs/scheduler.ts';
import { createRuntime } from './runtime.ts';
import { createBillingSubgraph } from './subgraph.ts';

// The subgraph, plus the collections schedule on pg-boss (unless BILLING_JOBS=false).
const env = loadBillingEnv();
const running = await runSubgraph(createBillingSubgraph(env));
const runtime = createRuntime(env);
const scheduler = env.BILLING_JOBS
  ? await startBillingScheduler({ url: process.env.DATABASE_URL!, jobs: new BillingJobs({ em: running.orm.em.fork(), ...runtime }) })
  : null;
console.log(`billing subgraph ready at ${running.url}${scheduler ? ' (scheduled jobs on)' : ''}`);

const shutdown = async () => {
  await scheduler?.stop();
  await running.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
