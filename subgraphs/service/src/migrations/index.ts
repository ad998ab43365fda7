import type { MigrationEntry } from '@c360/kit';
import { Migration20261121120000Service } from './Migration20261121120000_service.ts';
import { Migration20261205100000ServiceHistory } from './Migration20261205100000_service_history.ts';
import { Migration20261205110000ServiceVoip } from './Migration20261205110000_service_voip.ts';
import { Migration20261205120000ServiceIp } from './Migration20261205120000_service_ip.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261121120000_service', class: Migration20261121120000Service },
  { name: 'Migration20261205100000_service_history', class: Migration20261205100000ServiceHistory },
  { name: 'Migration20261205110000_service_voip', class: Migration20261205110000ServiceVoip },
  { name: 'Migration20261205120000_service_ip', class: Migration20261205120000ServiceIp },
];
