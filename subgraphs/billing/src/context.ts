import type { BaseContext } from '@c360/kit';
import { createBillingLoaders, type BillingLoaders } from './loaders.ts';
import type { BillingRuntime } from './runtime.ts';
import { AccountService } from './modules/account/account.service.ts';
import { ArrangementService } from './modules/arrangement/arrangement.service.ts';
import { CatalogueService } from './modules/catalogue/product.service.ts';
import { ContractService } from './modules/contract/contract.service.ts';
import { InvoiceService } from './modules/invoice/invoice.service.ts';
import { AutoPayService } from './modules/payment-method/autopay.service.ts';
import { PaymentMethodService } from './modules/payment-method/payment-method.service.ts';
import { PaymentService } from './modules/payment/payment.service.ts';
import { QuoteService } from './modules/quote/quote.service.ts';
import { ReminderService } from './modules/reminder/reminder.service.ts';
import { SettingsService } from './modules/settings/settings.service.ts';
import { StatisticsService } from './modules/statistics/statistics.service.ts';
import { SubscriptionService } from './modules/subscription/subscription.service.ts';
import { TaxProfiles } from './modules/tax/tax-profile.service.ts';
import { VoucherService } from './modules/voucher/voucher.service.ts';
import { billingAutomationRules } from './modules/automation/automation.rules.ts';

export interface BillingContext extends BaseContext {
  loaders: BillingLoaders;
  taxProfiles: TaxProfiles;
  settings: SettingsService;
  catalogue: CatalogueService;
  quotes: QuoteService;
  contracts: ContractService;
  subscriptions: SubscriptionService;
  invoices: InvoiceService;
  payments: PaymentService;
  accounts: AccountService;
  arrangements: ArrangementService;
  paymentMethods: PaymentMethodService;
  autoPay: AutoPayService;
  reminders: ReminderService;
  vouchers: VoucherService;
  statistics: StatisticsService;
  automation: ReturnType<typeof billingAutomationRules>;
}

/** The request context: the verified caller, its tenant's EntityManager, and the services built on them. */
export function contextFactory(runtime: BillingRuntime) {
  return (base: BaseContext): BillingContext => {
    const { em, tenantId, caller } = base;
    const loaders = createBillingLoaders(em, tenantId);
    const taxProfiles = new TaxProfiles(em, tenantId, caller, runtime.taxProfiles);
    const settings = new SettingsService({ em, tenantId, caller, taxProfiles });
    const deps = { em, tenantId, loaders, taxProfiles, settings, caller };
    const autoPay = new AutoPayService({ em, tenantId, processor: runtime.processor, cipher: runtime.cipher, actor: caller });
    return {
      ...base,
      loaders,
      taxProfiles,
      settings,
      catalogue: new CatalogueService(deps),
      quotes: new QuoteService(deps),
      contracts: new ContractService(deps),
      subscriptions: new SubscriptionService(deps),
      invoices: new InvoiceService({ ...deps, directory: runtime.directory, autoPay }),
      payments: new PaymentService(deps),
      accounts: new AccountService(deps),
      arrangements: new ArrangementService(deps),
      paymentMethods: new PaymentMethodService({ ...deps, cipher: runtime.cipher }),
      autoPay,
      reminders: new ReminderService(deps),
      vouchers: new VoucherService(deps),
      statistics: new StatisticsService(deps),
      automation: billingAutomationRules(em, caller),
    };
  };
}
