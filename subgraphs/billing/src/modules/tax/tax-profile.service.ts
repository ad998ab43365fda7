import { amount, badInput, recordEvents, type Caller, type EntityManager } from '@c360/kit';
import { BILLING_ADMIN_ROLES, requireRole } from '../shared/access.ts';
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

export class TaxProfiles {
  private cached: Promise<TaxProfileValue> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;
  private readonly caller: Caller | null;

  constructor(em: EntityManager, tenantId: string, caller: Caller | null = null) {
    this.em = em;
    this.tenantId = tenantId;
    this.caller = caller;
  }

  /** The tenant's profile, or the default one; read at most once per request. */
  get(): Promise<TaxProfileValue> {
    this.cached ??= this.em
      .findOne(TaxProfile, { tenantId: this.tenantId })
      .then((profile) => (profile ? { currency: profile.currency, taxes: profile.taxes.map(canonicalRate) } : DEFAULT_TAX_PROFILE));
    return this.cached;
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
    this.cached = Promise.resolve(profile);
    return { taxProfile: profile };
  }
}

/** Rates read the same everywhere (`0.20` → `0.2`), as on invoices, whose rates come from numeric columns. */
const canonicalRate = (tax: TaxRate): TaxRate => ({ code: tax.code, name: tax.name, rate: amount(tax.rate).toFixed() });
