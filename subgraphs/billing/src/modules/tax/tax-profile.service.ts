import { ExpiringCache, amount, badInput, recordEvents, requireRole, type Caller, type EntityManager } from '@c360/kit';
import { BILLING_ADMIN_ROLES } from '../shared/access.ts';
import { parseRate, requiredText } from '../shared/values.ts';
import { TaxProfile } from './tax-profile.entity.ts';
import { DEFAULT_TAX_PROFILE, type TaxProfileValue, type TaxRate } from './tax.calculation.ts';

export interface SetTaxProfileInput {
  currency: string;
  taxes: TaxRate[];
}

const CURRENCY = /^[A-Z]{3}$/;
const TAX_CODE = /^[A-Z][A-Z0-9_]{0,15}$/;
const MAX_TAXES = 5;

/** How long a billing process trusts its copy of a tenant's profile: a change made through another process shows within this. */
const PROFILE_TTL_MS = 60_000;
/** Tenants whose profiles a process keeps; beyond, the oldest entry makes room. */
const MAX_CACHED_TENANTS = 10_000;

/**
 * The tenants' tax profiles, kept by each billing process: every invoice,
 * quote, voucher, payment and arrangement reads its tenant's profile, which
 * changes a few times a year. Concurrent requests share one read. `setTaxProfile`
 * drops this process's entry once committed (a read started before the change
 * is dropped with it); other billing processes see the change within a minute.
 */
export class TaxProfileCache {
  private readonly profiles = new ExpiringCache<Promise<TaxProfileValue>>(MAX_CACHED_TENANTS);

  read(tenantId: string, load: () => Promise<TaxProfileValue>): Promise<TaxProfileValue> {
    const cached = this.profiles.get(tenantId);
    if (cached) return cached;
    const loading = load();
    this.profiles.set(tenantId, loading, Date.now() + PROFILE_TTL_MS);
    loading.catch(() => this.profiles.delete(tenantId));
    return loading;
  }

  invalidate(tenantId: string): void {
    this.profiles.delete(tenantId);
  }
}

export class TaxProfiles {
  private cached: Promise<TaxProfileValue> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;
  private readonly caller: Caller | null;
  private readonly shared: TaxProfileCache | null;

  /** `shared`: the process's cache (the request context passes it); without it, the profile is read once per instance. */
  constructor(em: EntityManager, tenantId: string, caller: Caller | null = null, shared: TaxProfileCache | null = null) {
    this.em = em;
    this.tenantId = tenantId;
    this.caller = caller;
    this.shared = shared;
  }

  /** The tenant's profile, or the default one. */
  get(): Promise<TaxProfileValue> {
    this.cached ??= this.shared ? this.shared.read(this.tenantId, () => this.load()) : this.load();
    return this.cached;
  }

  private async load(): Promise<TaxProfileValue> {
    const profile = await this.em.findOne(TaxProfile, { tenantId: this.tenantId });
    return profile ? { currency: profile.currency, taxes: profile.taxes.map(canonicalRate) } : DEFAULT_TAX_PROFILE;
  }

  /**
   * Replaces the tenant's currency and taxes. Documents already issued keep the
   * taxes they were issued with (they store their own); new ones use these.
   */
  async set(input: SetTaxProfileInput): Promise<{ taxProfile: TaxProfileValue }> {
    if (this.caller) requireRole(this.caller, BILLING_ADMIN_ROLES, 'change the tax profile');
    const currency = input.currency.trim().toUpperCase();
    if (!CURRENCY.test(currency)) throw badInput('input.currency', `"${input.currency}" is not an ISO 4217 currency code, e.g. CAD`);
    if (input.taxes.length > MAX_TAXES) throw badInput('input.taxes', `must have at most ${MAX_TAXES} taxes`);
    const codes = new Set<string>();
    const taxes = input.taxes.map((tax, index) => {
      const field = `input.taxes[${index}]`;
      const code = tax.code.trim().toUpperCase();
      if (!TAX_CODE.test(code)) throw badInput(`${field}.code`, `"${tax.code}" is not a tax code such as GST, QST or TVA`);
      if (codes.has(code)) throw badInput(`${field}.code`, `${code} is listed twice`);
      codes.add(code);
      return { code, name: requiredText(tax.name, `${field}.name`, 60), rate: parseRate(tax.rate, `${field}.rate`) };
    });
    const profile = { currency, taxes };
    await this.em.transactional(async (tx) => {
      await tx.execute(
        `INSERT INTO billing.tax_profile (tenant_id, currency, taxes) VALUES (?, ?, ?::jsonb)
         ON CONFLICT (tenant_id) DO UPDATE SET currency = excluded.currency, taxes = excluded.taxes, updated_at = now()`,
        [this.tenantId, currency, JSON.stringify(taxes)],
      );
      await recordEvents(tx, 'billing', this.tenantId, [{ type: 'tax_profile.updated', subject: this.tenantId, data: { ...profile } }]);
    });
    this.shared?.invalidate(this.tenantId);
    this.cached = Promise.resolve(profile);
    return { taxProfile: profile };
  }
}

/** Rates read the same everywhere (`0.20` → `0.2`), as on invoices, whose rates come from numeric columns. */
const canonicalRate = (tax: TaxRate): TaxRate => ({ code: tax.code, name: tax.name, rate: amount(tax.rate).toFixed() });
