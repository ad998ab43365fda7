import type { BaseContext } from '@c360/kit';
import { createCustomersLoaders, type CustomersLoaders } from './loaders.ts';
import { AddressService } from './modules/address/address.service.ts';
import { TestDataService } from './modules/cleanup/test-data.service.ts';
import { ContactService } from './modules/contact/contact.service.ts';
import { CustomerService } from './modules/customer/customer.service.ts';
import { EmailService } from './modules/email/email.service.ts';
import { HistoryService } from './modules/history/history.service.ts';
import { LifeEventService } from './modules/life-event/life-event.service.ts';
import { MergeService } from './modules/merge/merge.service.ts';
import { NoteService } from './modules/note/note.service.ts';
import { PartnerService } from './modules/partner/partner.service.ts';
import { StatisticsService } from './modules/statistics/statistics.service.ts';
import { StatusService } from './modules/status/status.service.ts';
import { TenantSettings } from './modules/tenant/tenant.service.ts';
import { customerAutomation } from './modules/automation/automation.rules.ts';
import { TimelineService } from './modules/timeline/timeline.service.ts';

export interface CustomersContext extends BaseContext {
  loaders: CustomersLoaders;
  settings: TenantSettings;
  customers: CustomerService;
  contacts: ContactService;
  addresses: AddressService;
  partners: PartnerService;
  lifeEvents: LifeEventService;
  emails: EmailService;
  notes: NoteService;
  history: HistoryService;
  status: StatusService;
  merges: MergeService;
  testData: TestDataService;
  statistics: StatisticsService;
  timeline: TimelineService;
  automation: ReturnType<typeof customerAutomation.scoped>;
}

export function createContext(base: BaseContext): CustomersContext {
  const loaders = createCustomersLoaders(base.em, base.tenantId);
  const settings = new TenantSettings(base.em, base.tenantId);
  const scope = { em: base.em, tenantId: base.tenantId, loaders, settings, caller: base.caller };
  const contacts = new ContactService(scope);
  return {
    ...base,
    loaders,
    settings,
    customers: new CustomerService({ ...scope, contacts }),
    contacts,
    addresses: new AddressService(scope),
    partners: new PartnerService(scope),
    lifeEvents: new LifeEventService(scope),
    emails: new EmailService(scope),
    notes: new NoteService(scope),
    history: new HistoryService(scope),
    status: new StatusService(scope),
    merges: new MergeService(scope),
    testData: new TestDataService(scope),
    statistics: new StatisticsService(scope),
    timeline: new TimelineService(scope),
    automation: customerAutomation.scoped(base.em, base.caller),
  };
}
