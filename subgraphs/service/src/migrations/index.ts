import type { MigrationEntry } from '@c360/kit';
import { Migration20261121120000Service } from './Migration20261121120000_service.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261121120000_service', class: Migration20261121120000Service },
];
