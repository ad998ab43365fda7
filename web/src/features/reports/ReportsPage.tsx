import { usePageTitle } from '../../shared/usePageTitle.ts';
import { DidReportPanel } from './DidReportPanel.tsx';
import { E911AuditPanel } from './E911AuditPanel.tsx';

export function ReportsPage() {
  usePageTitle('Reports');
  return (
    <>
      <h1>Reports</h1>
      <div className="stack">
        <E911AuditPanel />
        <DidReportPanel />
      </div>
    </>
  );
}
