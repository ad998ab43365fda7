import { PgBoss } from 'pg-boss';
import { jobsSchemaFor } from '@c360/kit';
import type { BillingJobs } from './collections.jobs.ts';

/** A recurring job: a pg-boss queue, when it runs (cron, UTC), and the BillingJobs method it calls. */
export interface ScheduledJob {
  name: string;
  cron: string;
  run(jobs: BillingJobs): Promise<number>;
}

export const BILLING_SCHEDULE: readonly ScheduledJob[] = [
  { name: 'billing.mark-invoices-overdue', cron: '5 * * * *', run: (jobs) => jobs.markInvoicesOverdue() },
  { name: 'billing.expire-quotes', cron: '10 * * * *', run: (jobs) => jobs.expireQuotes() },
  { name: 'billing.renew-or-expire-contracts', cron: '15 0 * * *', run: (jobs) => jobs.renewOrExpireContracts() },
  // After the renewals of the night, so that a renewed contract's new end date is the one noticed.
  { name: 'billing.flag-contracts-ending-soon', cron: '25 0 * * *', run: (jobs) => jobs.flagContractsEndingSoon() },
  { name: 'billing.settle-arrangements', cron: '20 * * * *', run: (jobs) => jobs.settleArrangements() },
  // After the overdue pass of the morning, so that reminders see today's overdue invoices.
  { name: 'billing.generate-reminders', cron: '30 6 * * *', run: (jobs) => jobs.generateReminders() },
  { name: 'billing.charge-pending-autopay', cron: '*/15 * * * *', run: (jobs) => jobs.chargePendingAutoPay() },
];

export interface RunningScheduler {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Runs the billing schedule on pg-boss. pg-boss keeps its tables in the
 * `billing_jobs` schema, which provisioning gives to the billing role (the role
 * cannot create schemas, so pg-boss must not try). Schedules live in the
 * database: with several replicas each occurrence still runs once.
 */
export async function startBillingScheduler(options: { url: string; jobs: BillingJobs; schedule?: readonly ScheduledJob[] }): Promise<RunningScheduler> {
  const boss = new PgBoss({ connectionString: options.url, schema: jobsSchemaFor('billing'), createSchema: false, max: 3, application_name: 'billing-jobs' });
  boss.on('error', (error) => console.error('[billing jobs]', error.message));
  await boss.start();
  for (const job of options.schedule ?? BILLING_SCHEDULE) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, null, { tz: 'UTC' });
    await boss.work(job.name, async () => {
      const changed = await job.run(options.jobs);
      if (changed > 0) console.log(`[billing jobs] ${job.name}: ${changed}`);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true }) };
}
