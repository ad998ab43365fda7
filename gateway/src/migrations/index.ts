import type { MigrationEntry } from '@c360/kit';
import { Migration20261201000000Gateway } from './Migration20261201000000_gateway.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261201000000_gateway', class: Migration20261201000000Gateway },
];
