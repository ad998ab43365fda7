import { DomainError, ErrorCode, type Caller } from '@c360/kit';

/** Roles that run the tenant's billing: settings, tax profile, payment-method secrets. */
export const BILLING_ADMIN_ROLES = ['admin', 'billing'] as const;

export const hasRole = (caller: Caller, roles: readonly string[]): boolean => caller.roles.some((role) => roles.includes(role));

/** Refuses the caller unless it has one of `roles`; authorisation is checked where the data lives. */
export function requireRole(caller: Caller, roles: readonly string[], what: string): void {
  if (!hasRole(caller, roles)) throw new DomainError(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may ${what}`);
}

/** Who made a change, as stored on rows that say so (ledger entries, arrangements, reminders). */
export const authorOf = (caller: Caller): string => caller.subject;
