import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

export const DISPATCH_STATUSES = ['SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'DONE', 'CANCELLED'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/**
 * A field visit for a ticket at a service location, in a scheduled window.
 * Its technicians are in `dispatch_assignment`, where PostgreSQL refuses to
 * book one technician in two overlapping windows. The customer is the ticket's.
 */
export const DispatchJob = defineEntity({
  name: 'DispatchJob',
  tableName: 'dispatch_job',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    externalId: p.string().nullable(),
    ticketId: p.uuid(),
    /** A service location of the service subgraph; only its id lives here. */
    locationId: p.uuid(),
    scheduledStart: p.datetime(),
    /** Exclusive: a job ending at 10:00 leaves the technician free for one starting at 10:00. */
    scheduledEnd: p.datetime(),
    status: p.enum([...DISPATCH_STATUSES]).default('SCHEDULED'),
    note: p.text().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type DispatchJob = InferEntity<typeof DispatchJob>;

/** A `dispatch_assignment` row as the crew loader reads it. */
export interface CrewRow {
  dispatch_job_id: string;
  technician_id: string;
  position: number;
}
