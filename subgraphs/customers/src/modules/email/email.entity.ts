import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { ownedByCustomer } from '../shared/record.properties.ts';

export const EMAIL_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;

/** An e-mail exchanged with a customer, as logged. A log entry is never edited. */
export const EmailMessage = defineEntity({
  name: 'EmailMessage',
  tableName: 'email_message',
  filters: tenantFilter,
  properties: {
    ...ownedByCustomer(),
    direction: p.enum([...EMAIL_DIRECTIONS]),
    fromAddress: p.string(),
    toAddresses: p.array(),
    ccAddresses: p.array().default([]),
    subject: p.string().default(''),
    excerpt: p.text().nullable(),
    sentAt: p.datetime(),
    threadId: p.string().nullable(),
    /** RFC 5322 Message-ID, unique per tenant. */
    messageId: p.string().nullable(),
    loggedBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type EmailMessage = InferEntity<typeof EmailMessage>;
