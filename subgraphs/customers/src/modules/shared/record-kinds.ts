import type { ChangeEntityType } from '../history/change-record.entity.ts';

/**
 * How each kind of record is named in change history and events: change
 * records name fields `contact.email` (the customer's own fields bare: `email`),
 * events are `<eventPrefix>.created|updated|removed` and carry
 * `{ customerId, <dataKey>Id, changedFields, <dataKey>: snapshot }`.
 */
export interface RecordKind {
  entityType: ChangeEntityType;
  eventPrefix: string;
  dataKey: string;
  fieldPrefix: string;
}

export const RECORD_KINDS = {
  customer: { entityType: 'CUSTOMER', eventPrefix: 'customer', dataKey: 'customer', fieldPrefix: '' },
  contact: { entityType: 'CONTACT', eventPrefix: 'contact', dataKey: 'contact', fieldPrefix: 'contact.' },
  address: { entityType: 'ADDRESS', eventPrefix: 'customer_address', dataKey: 'address', fieldPrefix: 'address.' },
  partner: { entityType: 'PARTNER', eventPrefix: 'partner_link', dataKey: 'partner', fieldPrefix: 'partner.' },
  lifeEvent: { entityType: 'LIFE_EVENT', eventPrefix: 'life_event', dataKey: 'lifeEvent', fieldPrefix: 'lifeEvent.' },
  email: { entityType: 'EMAIL', eventPrefix: 'email_message', dataKey: 'email', fieldPrefix: 'email.' },
  note: { entityType: 'NOTE', eventPrefix: 'note', dataKey: 'note', fieldPrefix: 'note.' },
  suspension: { entityType: 'SUSPENSION', eventPrefix: 'suspension', dataKey: 'suspension', fieldPrefix: 'suspension.' },
} as const satisfies Record<string, RecordKind>;

/** A record as history and events show it: API field names, JSON-friendly values. */
export type Snapshot = Record<string, unknown>;
