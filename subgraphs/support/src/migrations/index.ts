import type { MigrationEntry } from '@c360/kit';
import { Migration20261121000000Support } from './Migration20261121000000_support.ts';
import { Migration20261128000000SupportFieldWork } from './Migration20261128000000_support_field_work.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261121000000_support', class: Migration20261121000000Support },
  { name: 'Migration20261128000000_support_field_work', class: Migration20261128000000SupportFieldWork },
];
