import type { Caller } from '@c360/kit';

/** Roles that run the tenant's billing: settings, tax profile, payment-method secrets. */
export const BILLING_ADMIN_ROLES = ['admin', 'billing'] as const;

/** Who made a change, as stored on rows that say so (ledger entries, arrangements, reminders). */
export const authorOf = (caller: Caller): string => caller.subject;
