import type { MigrationEntry } from '@c360/kit';
import { Migration20261121100000Billing } from './Migration20261121100000_billing.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261121100000_billing', class: Migration20261121100000Billing },
];
