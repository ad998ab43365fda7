import { graphql } from '../../generated/gql.ts';

/** Rows per page of a report; "show more" fetches this many again. */
export const REPORT_PAGE_SIZE = 50;

// Both reports answer as `rows` (an alias) with the same page fragment, so that one table and one hook serve both.

/** Every DID of the tenant with its line, customer, location and 911 registration. */
export const DID_REPORT_QUERY = graphql(`
  query DidReport($filter: DidReportFilter, $first: Int!, $after: String) {
    rows: didReport(filter: $filter, first: $first, after: $after) { ...DidReportPage }
  }
`);

/** The DIDs with a 911 finding (address mismatch, no record, no active line). */
export const E911_AUDIT_QUERY = graphql(`
  query E911Audit($findings: [E911AuditFinding!], $first: Int!, $after: String) {
    rows: e911Audit(findings: $findings, first: $first, after: $after) { ...DidReportPage }
  }
`);

export const DID_REPORT_CSV_QUERY = graphql(`
  query DidReportCsv($filter: DidReportFilter) { csv: didReportCsv(filter: $filter) { ...CsvFile } }
`);

export const E911_AUDIT_CSV_QUERY = graphql(`
  query E911AuditCsv($findings: [E911AuditFinding!]) { csv: e911AuditCsv(findings: $findings) { ...CsvFile } }
`);
