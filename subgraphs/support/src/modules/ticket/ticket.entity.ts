import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { DEPARTMENTS } from '../technician/technician.entity.ts';

export const TICKET_STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'RESOLVED', 'CLOSED'] as const;
export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const TICKET_CHANNELS = ['PHONE', 'PORTAL', 'EMAIL'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** Statuses counted by `Customer.openTicketCount` (and by the partial index that serves it). */
export const ACTIVE_TICKET_STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER'] as const satisfies readonly TicketStatus[];

export const Ticket = defineEntity({
  name: 'Ticket',
  tableName: 'ticket',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** Per-tenant sequence number; shown as `T-000042` (see formatTicketNumber). */
    number: p.integer(),
    /** A customer of the customers subgraph; only its id lives here. */
    customerId: p.uuid(),
    /** A service location of the service subgraph; only its id lives here. */
    locationId: p.uuid().nullable(),
    subject: p.string(),
    description: p.text().nullable(),
    status: p.enum([...TICKET_STATUSES]).default('OPEN'),
    priority: p.enum([...TICKET_PRIORITIES]).default('NORMAL'),
    channel: p.enum([...TICKET_CHANNELS]).default('PHONE'),
    /** The team the ticket is routed to. */
    department: p.enum([...DEPARTMENTS]).default('TECHNICAL_SUPPORT'),
    /** The technician working the ticket, if any. */
    assigneeId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    resolvedAt: p.datetime().nullable(),
    /** When support first wrote to the customer (the first OUTBOUND message); internal notes do not count. */
    firstResponseAt: p.datetime().nullable(),
  },
});

export type Ticket = InferEntity<typeof Ticket>;

/** The number as people say it: `T-000042` (wider once a tenant passes a million tickets). */
export const formatTicketNumber = (number: number): string => `T-${String(number).padStart(6, '0')}`;
