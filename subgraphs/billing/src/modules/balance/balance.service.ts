import { money, type MoneyValue } from '@c360/kit';
import type { BalanceLoaders } from './balance.loader.ts';
import type { TaxProfiles } from '../tax/tax-profile.service.ts';

/** The customer's balance: open invoices' outstanding amounts minus unallocated payments. */
export class BalanceService {
  private readonly loaders: BalanceLoaders;
  private readonly taxProfiles: TaxProfiles;

  constructor(deps: { loaders: BalanceLoaders; taxProfiles: TaxProfiles }) {
    this.loaders = deps.loaders;
    this.taxProfiles = deps.taxProfiles;
  }

  async of(customerId: string): Promise<MoneyValue> {
    const [row, profile] = await Promise.all([this.loaders.customerBalance.load(customerId.toLowerCase()), this.taxProfiles.get()]);
    return money(row?.balance ?? 0, profile.currency);
  }
}
