import type { MigrationEntry } from '@c360/kit';
import { Migration20261121100000Billing } from './Migration20261121100000_billing.ts';
import { Migration20261129100000BillingDocuments } from './Migration20261129100000_billing_documents.ts';
import { Migration20261129110000BillingCollections } from './Migration20261129110000_billing_collections.ts';
import { Migration20261129120000BillingPaymentMethods } from './Migration20261129120000_billing_payment_methods.ts';
import { Migration20261201100000BillingAutomation } from './Migration20261201100000_billing_automation.ts';

/** Applied in this order; a new migration is appended, never edited once committed. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261121100000_billing', class: Migration20261121100000Billing },
  { name: 'Migration20261129100000_billing_documents', class: Migration20261129100000BillingDocuments },
  { name: 'Migration20261129110000_billing_collections', class: Migration20261129110000BillingCollections },
  { name: 'Migration20261129120000_billing_payment_methods', class: Migration20261129120000BillingPaymentMethods },
  { name: 'Migration20261201100000_billing_automation', class: Migration20261201100000BillingAutomation },
];
