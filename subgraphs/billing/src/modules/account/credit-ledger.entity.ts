import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantFilter } from '@c360/kit';
import { tenantRow } from '../shared/entity-properties.ts';

export const CREDIT_ENTRY_KINDS = ['CREDIT', 'DEBIT'] as const;
export type CreditEntryKind = (typeof CREDIT_ENTRY_KINDS)[number];

/**
 * One movement of a customer's account outside invoices and payments: a credit
 * (goodwill, a refund kept as store credit) or a debit (a purchase on account).
 * Never edited or deleted (a database trigger refuses it): a mistake is
 * corrected by a new entry that names the one it corrects.
 */
export const CreditLedgerEntry = defineEntity({
  name: 'CreditLedgerEntry',
  tableName: 'credit_ledger_entry',
  filters: tenantFilter,
  properties: {
    ...tenantRow(),
    externalId: p.string().nullable(),
    customerId: p.uuid(),
    kind: p.enum([...CREDIT_ENTRY_KINDS]),
    amount: p.decimal(),
    currency: p.string(),
    description: p.string(),
    /** The subject of the caller who recorded it (`system:...` for automatic entries). */
    author: p.string(),
    correctsId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type CreditLedgerEntry = InferEntity<typeof CreditLedgerEntry>;
