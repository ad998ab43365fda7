import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';
import { REMINDER_CHANNELS } from '../settings/settings.entity.ts';

export const REMINDER_KINDS = ['PAYMENT', 'CONTRACT_END'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_STATUSES = ['PENDING', 'SENT', 'PROCESSED', 'CANCELLED'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const REMINDER_WORKFLOW: Record<ReminderStatus, readonly ReminderStatus[]> = {
  PENDING: ['SENT', 'CANCELLED'],
  SENT: ['PROCESSED', 'CANCELLED'],
  PROCESSED: [],
  CANCELLED: [],
};

/**
 * A reminder (relance): for an overdue invoice, at the level of the tenant's
 * dunning schedule with its late penalty, or for a contract nearing its end.
 * Made by the collections job (`automatic`) or by a person.
 */
export const Reminder = defineEntity({
  name: 'Reminder',
  tableName: 'reminder',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    customerId: p.uuid(),
    kind: p.enum([...REMINDER_KINDS]),
    invoiceId: p.uuid().nullable(),
    contractId: p.uuid().nullable(),
    level: p.smallint(),
    channel: p.enum([...REMINDER_CHANNELS]),
    status: p.enum([...REMINDER_STATUSES]),
    subject: p.string(),
    scheduledOn: p.date(),
    penalty: p.decimal(),
    currency: p.string(),
    automatic: p.boolean(),
    createdBy: p.string(),
    sentAt: p.datetime().nullable(),
    processedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    ...changeTracking(),
  },
});

export type Reminder = InferEntity<typeof Reminder>;
