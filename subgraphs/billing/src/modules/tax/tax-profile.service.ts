import { amount, type EntityManager } from '@c360/kit';
import { TaxProfile } from './tax-profile.entity.ts';
import { DEFAULT_TAX_PROFILE, type TaxProfileValue, type TaxRate } from './tax.calculation.ts';

export class TaxProfiles {
  private cached: Promise<TaxProfileValue> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;

  constructor(em: EntityManager, tenantId: string) {
    this.em = em;
    this.tenantId = tenantId;
  }

  /** The tenant's profile, or the default one; read at most once per request. */
  get(): Promise<TaxProfileValue> {
    this.cached ??= this.em
      .findOne(TaxProfile, { tenantId: this.tenantId })
      .then((profile) => (profile ? { currency: profile.currency, taxes: profile.taxes.map(canonicalRate) } : DEFAULT_TAX_PROFILE));
    return this.cached;
  }
}

/** Rates read the same everywhere (`0.20` → `0.2`), as on invoices, whose rates come from numeric columns. */
const canonicalRate = (tax: TaxRate): TaxRate => ({ code: tax.code, name: tax.name, rate: amount(tax.rate).toFixed() });
