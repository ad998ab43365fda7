import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

/** What an automation rule's entry says about its cause. */
export interface TimelineAutomation {
  rule: string;
  triggerEventId: string;
  triggerType: string;
}

/** One event about a customer, from any subgraph, as the timeline keeps it (its id is the event's). */
export const TimelineEntry = defineEntity({
  name: 'TimelineEntry',
  tableName: 'timeline_entry',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    customerId: p.uuid(),
    type: p.string(),
    family: p.string(),
    occurredAt: p.datetime(),
    source: p.string(),
    subject: p.string(),
    summary: p.text(),
    changedFields: p.array(),
    data: p.json<Record<string, unknown>>(),
    automation: p.json<TimelineAutomation>().nullable(),
    recordedAt: p.datetime(),
  },
});

export type TimelineEntry = InferEntity<typeof TimelineEntry>;
