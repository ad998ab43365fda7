import {
  RequestScopedService, badInput, pageRequest, requireUuid, toConnection,
  type Connection, type PageArgs,
} from '@c360/kit';
import type { ServiceLoaders } from '../../loaders.ts';
import type { E911SyncStatus } from '../e911/e911-record.entity.ts';
import { toCsv } from './csv.ts';

export const AUDIT_FINDINGS = ['ADDRESS_MISMATCH', 'NO_911_RECORD', 'NO_ACTIVE_LINE'] as const;
export type AuditFinding = (typeof AUDIT_FINDINGS)[number];

export interface DidReportFilter {
  syncStatuses?: E911SyncStatus[] | null;
  findings?: AuditFinding[] | null;
  hasFinding?: boolean | null;
  customerId?: string | null;
}

/** One DID of the report, flat: what the GraphQL row and the CSV line are made of. */
export interface DidReportRow {
  did: string;
  line_id: string | null;
  record_id: string | null;
  location_id: string | null;
  customer_id: string | null;
  sync_status: E911SyncStatus;
  finding: AuditFinding | null;
  service_number: string | null;
  service_unit: string | null;
  service_street: string | null;
  service_city: string | null;
  service_postal_code: string | null;
  e911_number: string | null;
  e911_unit: string | null;
  e911_street: string | null;
  e911_city: string | null;
  e911_postal_code: string | null;
  first_name: string | null;
  last_name: string | null;
  service_class: string | null;
  municipality_code: string | null;
  enhanced_capable: boolean | null;
  synced_at: Date | null;
  last_sync_error: string | null;
}

export interface CsvExport {
  filename: string;
  contentType: string;
  rowCount: number;
  content: string;
}

/** Most rows one CSV export holds; a bigger report must be narrowed by its filter. */
export const MAX_CSV_ROWS = 50_000;

/**
 * Every DID of the tenant: the ACTIVE lines and the 911 records, joined on the
 * DID (a full join: a DID may have either without the other), with the line's
 * location. Both sides are read through their (tenant_id, did) unique indexes.
 * The audit finding compares normalised comparison keys, so that
 * "123, rue Principale, app 4" and "4-123 Principale St" are one place.
 */
const REPORT = `
  SELECT coalesce(l.did, r.did) AS did, l.id AS line_id, r.id AS record_id, l.location_id,
    coalesce(l.customer_id, r.customer_id) AS customer_id,
    coalesce(r.sync_status, 'MISSING') AS sync_status,
    CASE WHEN l.id IS NULL THEN 'NO_ACTIVE_LINE'
         WHEN r.id IS NULL THEN 'NO_911_RECORD'
         WHEN loc.comparison_key <> r.comparison_key THEN 'ADDRESS_MISMATCH' END AS finding,
    loc.civic_number AS service_number, loc.unit AS service_unit, loc.street AS service_street, loc.city AS service_city,
    loc.postal_code AS service_postal_code,
    r.civic_number AS e911_number, r.unit AS e911_unit, r.street AS e911_street, r.city AS e911_city, r.postal_code AS e911_postal_code,
    r.first_name, r.last_name, r.service_class, r.municipality_code, r.enhanced_capable, r.synced_at, r.last_sync_error
  FROM (SELECT * FROM service.voip_line WHERE tenant_id = ? AND status = 'ACTIVE') l
  FULL JOIN (SELECT * FROM service.e911_record WHERE tenant_id = ?) r ON r.did = l.did
  LEFT JOIN service.service_location loc ON loc.tenant_id = ? AND loc.id = l.location_id`;

/** The DID report and the 911 audit (the report's rows with a finding), paginated or as CSV. */
export class DidReportService extends RequestScopedService<ServiceLoaders> {

  async page(filter: DidReportFilter | null | undefined, args: PageArgs): Promise<Connection<DidReportRow>> {
    const request = pageRequest(args, 50);
    const { where, params } = this.conditions(filter ?? {});
    const after = request.after ? ' AND report.did > ?' : '';
    const [rows, [count]] = await Promise.all([
      this.em.execute<DidReportRow[]>(
        `SELECT report.* FROM (${REPORT}) report WHERE ${where}${after} ORDER BY report.did LIMIT ?`,
        [...this.reportParams(), ...params, ...(request.after ? [request.after.sort] : []), request.first + 1],
      ),
      this.em.execute<{ count: number }[]>(`SELECT count(*)::int AS count FROM (${REPORT}) report WHERE ${where}`, [...this.reportParams(), ...params]),
    ]);
    return toConnection(rows, request, count?.count ?? 0, (row) => ({ sort: row.did, id: row.did }));
  }

  audit(findings: AuditFinding[] | null | undefined, args: PageArgs): Promise<Connection<DidReportRow>> {
    return this.page(auditFilter(findings), args);
  }

  async csv(filter: DidReportFilter | null | undefined, name = 'did-report'): Promise<CsvExport> {
    const { where, params } = this.conditions(filter ?? {});
    const rows = await this.em.execute<DidReportRow[]>(
      `SELECT report.* FROM (${REPORT}) report WHERE ${where} ORDER BY report.did LIMIT ?`,
      [...this.reportParams(), ...params, MAX_CSV_ROWS + 1],
    );
    if (rows.length > MAX_CSV_ROWS) throw badInput('filter', `matches more than ${MAX_CSV_ROWS} DIDs; narrow it to export`);
    const header = [
      'DID', 'Finding', '911 sync status', 'Customer ID', 'Line ID', 'Service address', '911 address', '911 first name', '911 last name',
      'Class', 'Municipality code', 'Enhanced 911', 'Last synced at', 'Last sync error',
    ];
    const lines = rows.map((row) => [
      row.did, row.finding, row.sync_status, row.customer_id, row.line_id,
      formatAddress(row.service_number, row.service_unit, row.service_street, row.service_city, row.service_postal_code),
      formatAddress(row.e911_number, row.e911_unit, row.e911_street, row.e911_city, row.e911_postal_code),
      row.first_name, row.last_name, row.service_class, row.municipality_code,
      row.enhanced_capable === null ? null : row.enhanced_capable ? 'yes' : 'no', row.synced_at, row.last_sync_error,
    ]);
    return {
      filename: `${name}-${new Date().toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      rowCount: rows.length,
      content: toCsv(header, lines),
    };
  }

  auditCsv(findings: AuditFinding[] | null | undefined): Promise<CsvExport> {
    return this.csv(auditFilter(findings), 'e911-audit');
  }

  private reportParams(): string[] {
    return [this.tenantId, this.tenantId, this.tenantId];
  }

  /** The filter as SQL over the report's columns; lists travel as JSON (em.execute would spread a JS array). */
  private conditions(filter: DidReportFilter): { where: string; params: unknown[] } {
    const where = ['true'];
    const params: unknown[] = [];
    if (filter.syncStatuses) {
      where.push('report.sync_status IN (SELECT jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(filter.syncStatuses));
    }
    if (filter.findings) {
      where.push('report.finding IN (SELECT jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(filter.findings));
    }
    if (filter.hasFinding != null) where.push(filter.hasFinding ? 'report.finding IS NOT NULL' : 'report.finding IS NULL');
    if (filter.customerId) {
      where.push('report.customer_id = ?::uuid');
      params.push(requireUuid(filter.customerId, 'filter.customerId'));
    }
    return { where: where.join(' AND '), params };
  }
}

const auditFilter = (findings: AuditFinding[] | null | undefined): DidReportFilter => ({ hasFinding: true, findings: findings ?? null });

/** `4-123 rue Principale, Granby J2G 2V6`: the unit-number form Canadian addresses are written in. */
function formatAddress(number: string | null, unit: string | null, street: string | null, city: string | null, postalCode: string | null): string | null {
  if (!street) return null;
  const civic = [unit, number].filter(Boolean).join('-');
  return `${civic ? `${civic} ` : ''}${street}, ${[city, postalCode].filter(Boolean).join(' ')}`;
}
