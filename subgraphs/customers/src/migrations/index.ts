import type { MigrationEntry } from '@c360/kit';
import { Migration20261121000000Customers } from './Migration20261121000000_customers.ts';
import { Migration20261125000000CustomerRecord } from './Migration20261125000000_customer_record.ts';
import { Migration20261201000000TimelineAutomation } from './Migration20261201000000_timeline_automation.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261121000000_customers', class: Migration20261121000000Customers },
  { name: 'Migration20261125000000_customer_record', class: Migration20261125000000CustomerRecord },
  { name: 'Migration20261201000000_timeline_automation', class: Migration20261201000000TimelineAutomation },
];
