import { useState } from 'react';
import type { E911AuditFinding } from '../../generated/graphql.ts';
import { CheckboxGroup } from '../../shared/CheckboxGroup.tsx';
import { label } from '../../shared/labels.ts';
import { E911_AUDIT_CSV_QUERY, E911_AUDIT_QUERY } from './operations.ts';
import { auditFindings, FINDINGS } from './report-filters.ts';
import { ReportPanel } from './ReportPanel.tsx';

/** The DIDs a 911 dispatcher could get wrong, narrowed by finding. */
export function E911AuditPanel() {
  const [findings, setFindings] = useState<E911AuditFinding[]>([]);
  return (
    <ReportPanel
      title="911 audit"
      description="DIDs whose 911 address differs from the service address, active lines without a 911 record, and 911 records without an active line."
      query={E911_AUDIT_QUERY}
      csvQuery={E911_AUDIT_CSV_QUERY}
      filter={{ findings: auditFindings(findings) }}
      empty="No finding: every active line has a 911 record at its service address."
      filters={<CheckboxGroup legend="Finding" options={FINDINGS} optionLabel={label} checked={findings} onChange={setFindings} />}
    />
  );
}
