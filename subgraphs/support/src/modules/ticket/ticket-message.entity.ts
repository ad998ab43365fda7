import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';

/** INBOUND: from the customer; OUTBOUND: from support to the customer. */
export const MESSAGE_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * One entry of a ticket's conversation: a customer-visible message (with a
 * direction) or an internal note (`internal`, no direction), never shown to the customer.
 */
export const TicketMessage = defineEntity({
  name: 'TicketMessage',
  tableName: 'ticket_message',
  filters: tenantFilter,
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    /** The legacy communication id, unique per tenant. */
    externalId: p.string().nullable(),
    ticketId: p.uuid(),
    internal: p.boolean(),
    direction: p.enum([...MESSAGE_DIRECTIONS]).nullable(),
    /** Who recorded it (the caller's subject); null for imported messages. */
    authorId: p.string().nullable(),
    /** The name shown beside the message. */
    authorName: p.string(),
    body: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type TicketMessage = InferEntity<typeof TicketMessage>;
