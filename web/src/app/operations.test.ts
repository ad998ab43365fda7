import { describe, expect, it } from 'vitest';
import { buildSchema, Kind, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import * as customerForm from '../features/customer-form/operations.ts';
import * as customer360 from '../features/customer360/operations.ts';
import * as customers from '../features/customers/operations.ts';
import * as dashboard from '../features/dashboard/operations.ts';
import * as reports from '../features/reports/operations.ts';
import supergraph from '../../../schema/supergraph.graphql?raw';

/**
 * Every operation the app sends, checked against the composed supergraph: a
 * field renamed or removed in a subgraph fails here, before the page does.
 * (The integration tests then run them against the real gateway.)
 */
const schema = buildSchema(supergraph);

const isDocument = (value: unknown): value is DocumentNode => typeof value === 'object' && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;
const documents = [customerForm, customer360, customers, dashboard, reports]
  .flatMap((module) => Object.values(module).flatMap((value) => (isDocument(value) ? [value] : Object.values(value as object).filter(isDocument))))
  .filter((document) => document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION));
const nameOf = (document: DocumentNode) => (document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode).name?.value;

describe('the operations of the app', () => {
  it('are found (every page has its own)', () => {
    expect(documents.map(nameOf)).toEqual(expect.arrayContaining([
      'Customer360', 'CustomerInvoicesPage', 'CustomerNotesPage', 'LocationTicketsPage', 'LocationIpHistoryPage', 'AddNote', 'Customers',
      'CustomerForEdit', 'TenantRequiredFields', 'CreateCustomer', 'UpdateCustomer', 'PhoneOwner',
      'DidReport', 'E911Audit', 'DidReportCsv', 'E911AuditCsv', 'CustomerStatistics', 'BillingStatistics',
    ]));
  });

  it.each(documents.map((document) => [nameOf(document), document] as const))('%s is valid against the supergraph', (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });
});
