import type { PageArgs, Resolvers } from '@c360/kit';
import type { ServiceContext } from '../../context.ts';
import { customerRef } from '../location/location.resolvers.ts';
import type { AuditFinding, DidReportFilter, DidReportRow } from './did-report.service.ts';

export const didReportResolvers: Resolvers<ServiceContext> = {
  Query: {
    didReport: (_root, args: PageArgs & { filter?: DidReportFilter | null }, ctx) => ctx.didReport.page(args.filter, args),
    didReportCsv: (_root, args: { filter?: DidReportFilter | null }, ctx) => ctx.didReport.csv(args.filter),
    e911Audit: (_root, args: PageArgs & { findings?: AuditFinding[] | null }, ctx) => ctx.didReport.audit(args.findings, args),
    e911AuditCsv: (_root, args: { findings?: AuditFinding[] | null }, ctx) => ctx.didReport.auditCsv(args.findings),
  },
  DidReportRow: {
    line: (row: DidReportRow, _args, ctx) => (row.line_id ? ctx.loaders.voipLineById.load(row.line_id) : null),
    customer: (row: DidReportRow) => (row.customer_id ? customerRef(row.customer_id) : null),
    location: (row: DidReportRow, _args, ctx) => (row.location_id ? ctx.loaders.locationById.load(row.location_id) : null),
    e911: (row: DidReportRow, _args, ctx) => (row.record_id ? ctx.loaders.e911ByDid.load(row.did) : null),
    syncStatus: (row: DidReportRow) => row.sync_status,
  },
};
