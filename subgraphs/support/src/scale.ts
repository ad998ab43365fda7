import type { ScaleSession } from '@c360/kit';
import { planFieldWork, seedDispatchAndWorkOrders, seedTechnicians } from './scale/field-work.ts';
import { planTickets, seedTickets } from './scale/tickets.ts';

/**
 * Support's share of a scale plan: technicians, tickets with their
 * conversations, dispatch jobs and work orders. The tickets and visits are
 * planned first, since the field team's size follows from the busiest slot.
 * One bar per table; a table that already holds its plan is skipped, so a
 * rerun adds nothing.
 */
export async function seedScale(session: ScaleSession): Promise<void> {
  const tickets = await planTickets(session);
  await seedTechnicians(session, await planFieldWork(session));
  await seedTickets(session, tickets);
  await seedDispatchAndWorkOrders(session);
  await session.analyze(['support.technician', 'support.ticket', 'support.ticket_message', 'support.dispatch_job', 'support.dispatch_assignment',
    'support.work_order', 'support.work_order_visit', 'support.work_order_item']);
}
