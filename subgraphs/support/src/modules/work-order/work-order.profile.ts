import { amount, type EntityManager } from '@c360/kit';
import { WorkOrderProfileRow } from './work-order.entity.ts';
import { DEFAULT_WORK_ORDER_PROFILE, type WorkOrderProfile } from './work-order.pricing.ts';

/** The request tenant's work-order profile, or the default one; read at most once per request. */
export class WorkOrderProfiles {
  private cached: Promise<WorkOrderProfile> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;

  constructor(em: EntityManager, tenantId: string) {
    this.em = em;
    this.tenantId = tenantId;
  }

  get(): Promise<WorkOrderProfile> {
    this.cached ??= this.em.findOne(WorkOrderProfileRow, { tenantId: this.tenantId }).then((row) => (row
      ? {
        currency: row.currency,
        // Rates read the same everywhere (`0.20` → `0.2`), whatever was stored.
        taxes: row.taxes.map((tax) => ({ code: tax.code, name: tax.name, rate: amount(tax.rate).toFixed() })),
        labourRate: amount(row.labourRate).toFixed(2),
      }
      : DEFAULT_WORK_ORDER_PROFILE));
    return this.cached;
  }
}
