import {
  amount, money, recordEvents, requireRole, type Caller, type EntityManager, type MoneyValue,
} from '@c360/kit';
import { WorkOrderProfileRow } from './work-order.entity.ts';
import { validLabourRate } from './work-order.input.ts';
import { DEFAULT_WORK_ORDER_PROFILE, type WorkOrderProfile, type WorkOrderTaxRate } from './work-order.pricing.ts';

/** Roles that may change what the tenant's work orders are priced with. */
const PROFILE_ADMIN_ROLES: readonly string[] = ['admin'];

export interface WorkOrderProfileView {
  currency: string;
  taxes: WorkOrderTaxRate[];
  labourRate: MoneyValue;
}

interface ProfileRow {
  currency: string;
  taxes: WorkOrderTaxRate[];
  labour_rate: string;
}

/**
 * The request tenant's work-order profile, or the default one; read at most
 * once per request. Its currency and taxes are billing's tax profile (see
 * `billingTaxProfileConsumer`), its labour rate is support's own.
 */
export class WorkOrderProfiles {
  private cached: Promise<WorkOrderProfile> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;
  private readonly caller: Caller;

  constructor(em: EntityManager, tenantId: string, caller: Caller) {
    this.em = em;
    this.tenantId = tenantId;
    this.caller = caller;
  }

  get(): Promise<WorkOrderProfile> {
    this.cached ??= this.em.findOne(WorkOrderProfileRow, { tenantId: this.tenantId }).then((row) => (row
      ? profileOf({ currency: row.currency, taxes: row.taxes, labour_rate: row.labourRate })
      : DEFAULT_WORK_ORDER_PROFILE));
    return this.cached;
  }

  async view(): Promise<WorkOrderProfileView> {
    return viewOf(await this.get());
  }

  /** Sets the hourly rate new work orders charge when they name none (admin); work orders already written keep theirs. */
  async setLabourRate(input: { labourRate: string }): Promise<{ workOrderProfile: WorkOrderProfileView }> {
    requireRole(this.caller, PROFILE_ADMIN_ROLES, 'change the work-order labour rate');
    const labourRate = validLabourRate(input.labourRate);
    const profile = await this.em.transactional((tx) => upsertProfile(tx, this.tenantId, { labourRate }));
    this.cached = Promise.resolve(profile);
    return { workOrderProfile: viewOf(profile) };
  }
}

/**
 * Writes part of a tenant's profile (a tenant without a row starts from the
 * default one) and its `work_order_profile.updated` event, in `tx`.
 */
export async function upsertProfile(
  tx: EntityManager, tenantId: string, change: { labourRate: string } | { currency: string; taxes: WorkOrderTaxRate[] },
): Promise<WorkOrderProfile> {
  const start = { ...DEFAULT_WORK_ORDER_PROFILE, ...change };
  const set = 'labourRate' in change ? 'labour_rate = excluded.labour_rate' : 'currency = excluded.currency, taxes = excluded.taxes';
  const [row] = await tx.execute<ProfileRow[]>(
    `INSERT INTO support.work_order_profile (tenant_id, currency, taxes, labour_rate) VALUES (?, ?, ?::jsonb, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET ${set}, updated_at = now()
     RETURNING currency, taxes, labour_rate`,
    [tenantId, start.currency, JSON.stringify(start.taxes), start.labourRate],
  );
  const profile = profileOf(row!);
  await recordEvents(tx, 'support', tenantId, [{ type: 'work_order_profile.updated', subject: tenantId, data: { ...profile } }]);
  return profile;
}

/** Rates and the labour rate read the same everywhere (`0.20` → `0.2`, `60` → `60.00`), whatever was stored. */
function profileOf(row: ProfileRow): WorkOrderProfile {
  return {
    currency: row.currency,
    taxes: row.taxes.map((tax) => ({ code: tax.code, name: tax.name, rate: amount(tax.rate).toFixed() })),
    labourRate: amount(row.labour_rate).toFixed(2),
  };
}

const viewOf = (profile: WorkOrderProfile): WorkOrderProfileView =>
  ({ currency: profile.currency, taxes: profile.taxes, labourRate: money(profile.labourRate, profile.currency) });
