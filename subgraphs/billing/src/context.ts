import type { BaseContext } from '@c360/kit';
import { createBillingLoaders, type BillingLoaders } from './loaders.ts';
import { BalanceService } from './modules/balance/balance.service.ts';
import { InvoiceService } from './modules/invoice/invoice.service.ts';
import { PaymentService } from './modules/payment/payment.service.ts';
import { TaxProfiles } from './modules/tax/tax-profile.service.ts';

export interface BillingContext extends BaseContext {
  loaders: BillingLoaders;
  taxProfiles: TaxProfiles;
  invoices: InvoiceService;
  payments: PaymentService;
  balances: BalanceService;
}

export function createContext(base: BaseContext): BillingContext {
  const loaders = createBillingLoaders(base.em, base.tenantId);
  const taxProfiles = new TaxProfiles(base.em, base.tenantId);
  const deps = { em: base.em, tenantId: base.tenantId, loaders, taxProfiles };
  return {
    ...base,
    loaders,
    taxProfiles,
    invoices: new InvoiceService(deps),
    payments: new PaymentService(deps),
    balances: new BalanceService(deps),
  };
}
