import type { DidReportFilter, E911AuditFinding, E911SyncStatus } from '../../generated/graphql.ts';

export const SYNC_STATUSES: readonly E911SyncStatus[] = ['SYNCED', 'PENDING', 'MISMATCH', 'MISSING', 'FAILED'];
export const FINDINGS: readonly E911AuditFinding[] = ['ADDRESS_MISMATCH', 'NO_911_RECORD', 'NO_ACTIVE_LINE'];
export const FINDING_PRESENCE = ['WITH', 'WITHOUT'] as const;
export type FindingPresence = (typeof FINDING_PRESENCE)[number];

/** The DID report's filter controls. */
export interface DidFilterState {
  syncStatuses: E911SyncStatus[];
  findings: E911AuditFinding[];
  presence: FindingPresence | '';
}

export const NO_DID_FILTER: DidFilterState = { syncStatuses: [], findings: [], presence: '' };

/** The report's `filter` argument: only what is set (nothing checked means any); null when nothing is. */
export function didReportFilter(state: DidFilterState): DidReportFilter | null {
  const filter: DidReportFilter = {
    ...(state.syncStatuses.length > 0 && { syncStatuses: state.syncStatuses }),
    ...(state.findings.length > 0 && { findings: state.findings }),
    ...(state.presence && { hasFinding: state.presence === 'WITH' }),
  };
  return Object.keys(filter).length > 0 ? filter : null;
}

/** The audit's `findings` argument: null (every finding) when none is checked. */
export const auditFindings = (checked: readonly E911AuditFinding[]): E911AuditFinding[] | null => (checked.length > 0 ? [...checked] : null);
