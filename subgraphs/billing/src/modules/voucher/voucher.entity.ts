import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow, changeTracking } from '../shared/entity-properties.ts';

export const VOUCHER_KINDS = ['AMOUNT', 'PERCENT'] as const;
export type VoucherKind = (typeof VOUCHER_KINDS)[number];

/**
 * A voucher (bon): a fixed amount or a percentage off an invoice, usable once
 * within its validity. Attached to a customer, only that customer's invoices
 * may use it; unattached, any invoice may.
 */
export const Voucher = defineEntity({
  name: 'Voucher',
  tableName: 'voucher',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    code: p.string(),
    kind: p.enum([...VOUCHER_KINDS]),
    amount: p.decimal().nullable(),
    percent: p.decimal().nullable(),
    currency: p.string(),
    description: p.string().nullable(),
    validFrom: p.date().nullable(),
    validUntil: p.date().nullable(),
    customerId: p.uuid().nullable(),
    attachedAt: p.datetime().nullable(),
    ...changeTracking(),
  },
});

export type Voucher = InferEntity<typeof Voucher>;

export type VoucherRedemptionRow = { voucher_id: string; invoice_id: string; amount: string; redeemed_at: Date };
