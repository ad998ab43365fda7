import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const QUOTE_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REFUSED', 'EXPIRED'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const QUOTE_SECTIONS = ['ONE_TIME', 'MONTHLY'] as const;
export type QuoteSection = (typeof QUOTE_SECTIONS)[number];

/** DRAFT → SENT → ACCEPTED | REFUSED | EXPIRED; a draft past its validity expires too. */
export const QUOTE_WORKFLOW: Record<QuoteStatus, readonly QuoteStatus[]> = {
  DRAFT: ['SENT', 'EXPIRED'],
  SENT: ['ACCEPTED', 'REFUSED', 'EXPIRED'],
  ACCEPTED: [],
  REFUSED: [],
  EXPIRED: [],
};

/**
 * A quote (soumission, devis): one-time items and monthly items in two sections,
 * each priced like an invoice; the section totals are computed from the lines
 * in the transaction that writes them.
 */
export const Quote = defineEntity({
  name: 'Quote',
  tableName: 'quote',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    serviceLocationId: p.uuid().nullable(),
    number: p.string(),
    status: p.enum([...QUOTE_STATUSES]),
    currency: p.string(),
    quotedOn: p.date(),
    validUntil: p.date(),
    purchaseOrder: p.string().nullable(),
    terms: p.text().nullable(),
    oneTimeSubtotal: p.decimal(),
    oneTimeTaxTotal: p.decimal(),
    oneTimeTotal: p.decimal(),
    monthlySubtotal: p.decimal(),
    monthlyTaxTotal: p.decimal(),
    monthlyTotal: p.decimal(),
    sentAt: p.datetime().nullable(),
    decidedAt: p.datetime().nullable(),
    refusalReason: p.string().nullable(),
    ...changeTracking(),
  },
});

export type Quote = InferEntity<typeof Quote>;

export type QuoteLineRow = {
  quote_id: string;
  section: QuoteSection;
  product_id: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  amount: string;
};

export type QuoteTaxRow = {
  quote_id: string;
  section: QuoteSection;
  code: string;
  name: string;
  rate: string;
  amount: string;
};
