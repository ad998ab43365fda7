import type { ScaleSession } from '@c360/kit';
import { seedCustomers } from './scale/customers.ts';
import { seedRecords } from './scale/records.ts';
import { seedSuspensions } from './scale/suspensions.ts';

/**
 * The customers domain of a scale plan: the tenant, its customers, the records
 * around them (contacts, addresses, partners, life events, e-mails, notes) and
 * their suspensions with the change history those wrote. Each table has its
 * bar; a table that already holds its plan is skipped, so a rerun adds nothing.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  await seedCustomers(session);
  await seedRecords(session);
  await seedSuspensions(session);
  await session.analyze(['customers.contact', 'customers.customer_address', 'customers.partner_link', 'customers.life_event',
    'customers.email_message', 'customers.note', 'customers.suspension', 'customers.change_record']);
}
