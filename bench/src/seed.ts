import { scalePlan, type ScalePlan } from '@c360/kit';
import { seedScaleTenant } from '@c360/scripts/system';
import { SeedProgress, seedSummary } from './progress.ts';

/** The second tenant's share of the data: enough to prove isolation at scale with data of its own. */
const SECOND_TENANT_SHARE = 0.1;

/** The tenant asked for at `scale`, and `<tenant>-b` with a tenth of it. */
export function scalePlans(tenant: string, scale: number): ScalePlan[] {
  return [
    scalePlan(tenant, `Scale ISP (${scale}×)`, scale),
    scalePlan(`${tenant}-b`, `Scale ISP B (${scale * SECOND_TENANT_SHARE}×)`, scale * SECOND_TENANT_SHARE),
  ];
}

/**
 * Loads the plans at the same time, each into every subgraph (or `only` these), with a bar per table: a smaller
 * tenant's tables load while the larger one's are still being planned or loaded elsewhere (a table under a bulk
 * load waits for it). Idempotent.
 */
export async function seedScaleData(adminUrl: string, plans: ScalePlan[], options: { only?: string[]; log?: (line: string) => void } = {}): Promise<void> {
  const progress = new SeedProgress();
  try {
    await Promise.all(plans.map((plan) => seedScaleTenant(adminUrl, plan, progress.forTenant(plan.tenantId), options.only)));
  } finally {
    (options.log ?? console.log)(`\n${seedSummary(progress.stop())}`);
  }
}
