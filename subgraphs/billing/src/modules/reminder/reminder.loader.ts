import type { EntityManager } from '@c360/kit';
import { childPageLoader, type ChildPageLoader } from '../shared/child-pages.ts';
import { Reminder } from './reminder.entity.ts';

/** Per-request loaders of reminders. */
export interface ReminderLoaders {
  /** A page of each customer's reminders, newest first: their full history. */
  customerReminders: ChildPageLoader<Reminder>;
}

export function createReminderLoaders(em: EntityManager, tenantId: string): ReminderLoaders {
  return {
    customerReminders: childPageLoader(
      em, tenantId,
      { table: 'billing.reminder', parentColumn: 'customer_id', sortColumn: 'created_at', sortType: 'timestamptz' },
      (columns) => em.map(Reminder, columns),
      (reminder) => reminder.createdAt,
      (reminder) => reminder.id,
    ),
  };
}

