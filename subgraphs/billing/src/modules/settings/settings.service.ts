import { amount, badInput, conflict, money, recordEvents, requireRole, type Caller, type EntityManager, type MoneyValue } from '@c360/kit';
import { BILLING_ADMIN_ROLES } from '../shared/access.ts';
import { checkVersion, parseMoney, parseRate } from '../shared/values.ts';
import { BillingSettings, DEFAULT_BILLING_SETTINGS, type BillingSettingsValue, type ReminderStep } from './settings.entity.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';

export interface UpdateBillingSettingsInput {
  version?: number | null;
  quotePrefix?: string | null;
  contractPrefix?: string | null;
  quoteValidityDays?: number | null;
  lateFee?: string | null;
  lateInterestRate?: string | null;
  reminderSchedule?: ReminderStep[] | null;
  contractNoticeDays?: number | null;
}

export interface BillingSettingsView extends Omit<BillingSettingsValue, 'lateFee'> {
  lateFee: MoneyValue;
}

const PREFIX = /^[A-Z0-9][A-Z0-9-]{0,9}$/;
const MAX_REMINDER_STEPS = 10;

/** The tenant's billing settings: read at most once per request, changed by billing administrators. */
export class SettingsService {
  private cached: Promise<BillingSettingsValue> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;
  private readonly caller: Caller;
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: { em: EntityManager; tenantId: string; caller: Caller; taxProfiles: TaxProfiles }) {
    this.em = deps.em;
    this.tenantId = deps.tenantId;
    this.caller = deps.caller;
    this.taxProfiles = deps.taxProfiles;
  }

  get(): Promise<BillingSettingsValue> {
    this.cached ??= this.em.findOne(BillingSettings, { tenantId: this.tenantId }).then((row) => (row ? valueOf(row) : DEFAULT_BILLING_SETTINGS));
    return this.cached;
  }

  async view(): Promise<BillingSettingsView> {
    const [settings, profile] = await Promise.all([this.get(), this.taxProfiles.get()]);
    return { ...settings, lateFee: money(settings.lateFee, profile.currency) };
  }

  /** Changes the given settings only; `version` guards against overwriting someone else's change. */
  async update(input: UpdateBillingSettingsInput): Promise<{ settings: BillingSettingsView }> {
    requireRole(this.caller, BILLING_ADMIN_ROLES, 'change the billing settings');
    const current = await this.get();
    checkVersion(current.version, input.version, 'billing settings');
    const next: BillingSettingsValue = {
      ...current,
      ...(input.quotePrefix != null ? { quotePrefix: prefix(input.quotePrefix, 'input.quotePrefix') } : {}),
      ...(input.contractPrefix != null ? { contractPrefix: prefix(input.contractPrefix, 'input.contractPrefix') } : {}),
      ...(input.quoteValidityDays != null ? { quoteValidityDays: days(input.quoteValidityDays, 'input.quoteValidityDays') } : {}),
      ...(input.lateFee != null ? { lateFee: parseMoney(input.lateFee, 'input.lateFee', { allowZero: true }).toFixed(2) } : {}),
      ...(input.lateInterestRate != null ? { lateInterestRate: parseRate(input.lateInterestRate, 'input.lateInterestRate') } : {}),
      ...(input.reminderSchedule != null ? { reminderSchedule: schedule(input.reminderSchedule) } : {}),
      ...(input.contractNoticeDays != null ? { contractNoticeDays: days(input.contractNoticeDays, 'input.contractNoticeDays') } : {}),
    };
    await this.em.transactional(async (tx) => {
      // The version in the WHERE makes a concurrent change lose cleanly instead of overwriting.
      const rows = await tx.execute<{ version: number }[]>(
        `INSERT INTO billing.settings AS s (tenant_id, quote_prefix, contract_prefix, quote_validity_days, late_fee, late_interest_rate,
           reminder_schedule, contract_notice_days)
         VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET quote_prefix = excluded.quote_prefix, contract_prefix = excluded.contract_prefix,
           quote_validity_days = excluded.quote_validity_days, late_fee = excluded.late_fee, late_interest_rate = excluded.late_interest_rate,
           reminder_schedule = excluded.reminder_schedule, contract_notice_days = excluded.contract_notice_days,
           updated_at = now(), version = s.version + 1
         WHERE s.version = ?
         RETURNING version`,
        [this.tenantId, next.quotePrefix, next.contractPrefix, next.quoteValidityDays, next.lateFee, next.lateInterestRate,
          JSON.stringify(next.reminderSchedule), next.contractNoticeDays, current.version],
      );
      if (!rows[0]) throw conflict('The billing settings were changed by someone else; reload and retry', 'input.version');
      next.version = rows[0]!.version;
      await recordEvents(tx, 'billing', this.tenantId, [{ type: 'billing_settings.updated', subject: this.tenantId, data: { settings: { ...next } } }]);
    });
    this.cached = Promise.resolve(next);
    return { settings: await this.view() };
  }
}

function valueOf(row: BillingSettings): BillingSettingsValue {
  return {
    quotePrefix: row.quotePrefix,
    contractPrefix: row.contractPrefix,
    quoteValidityDays: row.quoteValidityDays,
    lateFee: amount(row.lateFee).toFixed(2),
    lateInterestRate: amount(row.lateInterestRate).toFixed(),
    reminderSchedule: row.reminderSchedule,
    contractNoticeDays: row.contractNoticeDays,
    version: row.version,
  };
}

function prefix(raw: string, field: string): string {
  const value = raw.trim();
  if (!PREFIX.test(value)) throw badInput(field, `"${raw}" is not a prefix of 1 to 10 capital letters, digits or dashes, e.g. DEV-`);
  return value;
}

function days(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 365) throw badInput(field, 'must be a whole number of days between 1 and 365');
  return value;
}

/** Steps in increasing `afterDays`: each level of reminder comes after the previous one. */
function schedule(steps: ReminderStep[]): ReminderStep[] {
  if (steps.length > MAX_REMINDER_STEPS) throw badInput('input.reminderSchedule', `must have at most ${MAX_REMINDER_STEPS} steps`);
  steps.forEach((step, index) => {
    const field = `input.reminderSchedule[${index}].afterDays`;
    if (!Number.isInteger(step.afterDays) || step.afterDays < 0 || step.afterDays > 365) throw badInput(field, 'must be a whole number of days between 0 and 365');
    if (index > 0 && step.afterDays <= steps[index - 1]!.afterDays) throw badInput(field, 'must be greater than the previous step\'s');
  });
  return steps.map((step) => ({ afterDays: step.afterDays, channel: step.channel }));
}
