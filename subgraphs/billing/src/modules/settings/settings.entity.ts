import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const REMINDER_CHANNELS = ['EMAIL', 'PHONE', 'SMS', 'LETTER'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

/** One step of the dunning schedule: this many days after the due date, remind through this channel. */
export interface ReminderStep {
  afterDays: number;
  channel: ReminderChannel;
}

/** A tenant's billing rules: document prefixes, quote validity, late penalties and the dunning schedule. */
export const BillingSettings = defineEntity({
  name: 'BillingSettings',
  tableName: 'settings',
  filters: tenantFilter,
  properties: {
    tenantId: p.string().primary(),
    quotePrefix: p.string(),
    contractPrefix: p.string(),
    quoteValidityDays: p.integer(),
    lateFee: p.decimal(),
    lateInterestRate: p.decimal(),
    reminderSchedule: p.json<ReminderStep[]>(),
    contractNoticeDays: p.integer(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});

export type BillingSettings = InferEntity<typeof BillingSettings>;

/** The settings' values, as used by the services (the stored row or the defaults). */
export interface BillingSettingsValue {
  quotePrefix: string;
  contractPrefix: string;
  quoteValidityDays: number;
  lateFee: string;
  lateInterestRate: string;
  reminderSchedule: ReminderStep[];
  contractNoticeDays: number;
  version: number;
}

/** What a tenant that never changed its settings uses. */
export const DEFAULT_BILLING_SETTINGS: BillingSettingsValue = Object.freeze<BillingSettingsValue>({
  quotePrefix: 'DEV-',
  contractPrefix: 'CTR-',
  quoteValidityDays: 30,
  lateFee: '0',
  lateInterestRate: '0',
  reminderSchedule: [
    { afterDays: 1, channel: 'EMAIL' },
    { afterDays: 15, channel: 'SMS' },
    { afterDays: 30, channel: 'LETTER' },
  ],
  contractNoticeDays: 30,
  version: 0,
});
