import type { Resolvers, SubgraphDefinition } from '@c360/kit';
import { createContext, type CustomersContext } from './context.ts';
import { migrations } from './migrations/index.ts';
import { seedDemo } from './demo.ts';
import { seedScale } from './scale.ts';
import { customerActivityConsumer } from './modules/activity/activity.consumer.ts';
import { reactivateOnPayment, suspendOnBrokenArrangement } from './modules/automation/automation.consumer.ts';
import { automationResolvers } from './modules/automation/automation.resolvers.ts';
import { TimelineEntry } from './modules/timeline/timeline.entity.ts';
import { timelineConsumer } from './modules/timeline/timeline.consumer.ts';
import { timelineResolvers } from './modules/timeline/timeline.resolvers.ts';
import { CustomerAddress } from './modules/address/address.entity.ts';
import { addressResolvers } from './modules/address/address.resolvers.ts';
import { testDataResolvers } from './modules/cleanup/test-data.resolvers.ts';
import { Contact } from './modules/contact/contact.entity.ts';
import { contactResolvers } from './modules/contact/contact.resolvers.ts';
import { Customer } from './modules/customer/customer.entity.ts';
import { customerResolvers } from './modules/customer/customer.resolvers.ts';
import { EmailMessage } from './modules/email/email.entity.ts';
import { emailResolvers } from './modules/email/email.resolvers.ts';
import { ChangeRecord } from './modules/history/change-record.entity.ts';
import { LifeEvent } from './modules/life-event/life-event.entity.ts';
import { lifeEventResolvers } from './modules/life-event/life-event.resolvers.ts';
import { mergeResolvers } from './modules/merge/merge.resolvers.ts';
import { Note } from './modules/note/note.entity.ts';
import { noteResolvers } from './modules/note/note.resolvers.ts';
import { PartnerLink } from './modules/partner/partner.entity.ts';
import { partnerResolvers } from './modules/partner/partner.resolvers.ts';
import { Suspension } from './modules/status/suspension.entity.ts';
import { statusResolvers } from './modules/status/status.resolvers.ts';
import { Tenant } from './modules/tenant/tenant.entity.ts';
import { tenantResolvers } from './modules/tenant/tenant.resolvers.ts';

/** One resolver map per module (several add to Query, Mutation and Customer). */
const resolvers: Resolvers<CustomersContext>[] = [
  customerResolvers, contactResolvers, addressResolvers, partnerResolvers, lifeEventResolvers, emailResolvers,
  noteResolvers, statusResolvers, mergeResolvers, testDataResolvers, tenantResolvers, timelineResolvers, automationResolvers,
];

export const customersSubgraph: SubgraphDefinition<CustomersContext> = {
  name: 'customers',
  sdlPath: new URL('../customers.graphql', import.meta.url),
  resolvers,
  entities: [Customer, Tenant, Contact, CustomerAddress, PartnerLink, LifeEvent, EmailMessage, Note, Suspension, ChangeRecord, TimelineEntry],
  migrations,
  createContext,
  consumers: [customerActivityConsumer, timelineConsumer, suspendOnBrokenArrangement, reactivateOnPayment],
  seedDemo,
  seedScale,
  defaultPort: 4001,
};
