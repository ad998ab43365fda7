import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PostalAddress } from '../../shared/address.ts';
import type { Connection, CsvExport, E911AuditFinding, E911SyncStatus, VoipLineStatus } from '../../shared/graph-types.ts';
import { ADDRESS, connectionFragment } from '../../shared/fragments.ts';

/** Rows per page of a report; "show more" fetches this many again. */
export const REPORT_PAGE_SIZE = 50;

/** One DID of the DID report or of the 911 audit. */
export interface DidRow {
  did: string;
  syncStatus: E911SyncStatus;
  finding: E911AuditFinding | null;
  line: { id: string; status: VoipLineStatus; callerIdName: string | null } | null;
  customer: { id: string; name: string } | null;
  location: { id: string; address: PostalAddress } | null;
  e911: { id: string; address: PostalAddress; lastSyncError: string | null } | null;
}

export interface DidReportFilter {
  syncStatuses?: E911SyncStatus[];
  findings?: E911AuditFinding[];
  hasFinding?: boolean;
}

/** Both reports answer as `rows` (an alias), so that one table and one hook serve both. */
export interface ReportData {
  rows: Connection<DidRow>;
}

export interface Paging {
  first: number;
  after?: string | null;
}

const DID_ROW = gql`
  fragment DidRowFields on DidReportRow {
    did syncStatus finding
    line { id status callerIdName }
    customer { id name }
    location { id address { ...AddressParts } }
    e911 { id lastSyncError address { ...AddressParts } }
  }
  ${ADDRESS}
`;

const DID_REPORT_PAGE = connectionFragment('DidReportPage', 'DidReportConnection', DID_ROW);

const CSV = gql`fragment CsvFile on CsvExport { filename contentType rowCount content }`;

export type DidReportVariables = { filter: DidReportFilter | null };
export type E911AuditVariables = { findings: E911AuditFinding[] | null };

/** Every DID of the tenant with its line, customer, location and 911 registration. */
export const DID_REPORT_QUERY: TypedDocumentNode<ReportData, DidReportVariables & Paging> = gql`
  query DidReport($filter: DidReportFilter, $first: Int!, $after: String) {
    rows: didReport(filter: $filter, first: $first, after: $after) { ...DidReportPage }
  }
  ${DID_REPORT_PAGE}
`;

/** The DIDs with a 911 finding (address mismatch, no record, no active line). */
export const E911_AUDIT_QUERY: TypedDocumentNode<ReportData, E911AuditVariables & Paging> = gql`
  query E911Audit($findings: [E911AuditFinding!], $first: Int!, $after: String) {
    rows: e911Audit(findings: $findings, first: $first, after: $after) { ...DidReportPage }
  }
  ${DID_REPORT_PAGE}
`;

export const DID_REPORT_CSV_QUERY: TypedDocumentNode<{ csv: CsvExport }, DidReportVariables> = gql`
  query DidReportCsv($filter: DidReportFilter) { csv: didReportCsv(filter: $filter) { ...CsvFile } }
  ${CSV}
`;

export const E911_AUDIT_CSV_QUERY: TypedDocumentNode<{ csv: CsvExport }, E911AuditVariables> = gql`
  query E911AuditCsv($findings: [E911AuditFinding!]) { csv: e911AuditCsv(findings: $findings) { ...CsvFile } }
  ${CSV}
`;
