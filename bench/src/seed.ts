import { ScaleSession, scalePlan, type ScalePlan } from '@c360/kit';
import { SUBGRAPHS, databaseUrlFor } from '@c360/scripts/system';
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
 * Loads each plan into every subgraph, each through its own role and
 * connection; the four domains load in parallel. Idempotent.
 */
export async function seedScaleData(adminUrl: string, plans: ScalePlan[], log: (line: string) => void = console.log): Promise<void> {
  const progress = new SeedProgress();
  try {
    for (const plan of plans) {
      await Promise.all(SUBGRAPHS.map(async (definition) => {
        const session = await ScaleSession.open(databaseUrlFor(definition.name, adminUrl), plan, progress.forTenant(plan.tenantId));
        try {
          await definition.seedScale(session);
        } finally {
          await session.close();
        }
      }));
    }
  } finally {
    log(`\n${seedSummary(progress.stop())}`);
  }
}
