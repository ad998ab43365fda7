import { useState } from 'react';
import { CheckboxGroup } from '../../shared/CheckboxGroup.tsx';
import { label } from '../../shared/labels.ts';
import { SelectField } from '../../shared/SelectField.tsx';
import { DID_REPORT_CSV_QUERY, DID_REPORT_QUERY } from './operations.ts';
import { didReportFilter, FINDING_PRESENCE, FINDINGS, NO_DID_FILTER, SYNC_STATUSES } from './report-filters.ts';
import { ReportPanel } from './ReportPanel.tsx';

const PRESENCE_LABELS = { WITH: 'With a finding', WITHOUT: 'Without a finding' } as const;

/** Every DID of the tenant, narrowed by 911 sync status and audit finding. */
export function DidReportPanel() {
  const [state, setState] = useState(NO_DID_FILTER);
  return (
    <ReportPanel
      title="DID report"
      description="Every phone number of the tenant (active lines and 911 records) with its customer, service address, 911 address and sync status."
      query={DID_REPORT_QUERY}
      csvQuery={DID_REPORT_CSV_QUERY}
      filter={{ filter: didReportFilter(state) }}
      empty="No DID matches these filters."
      filters={(
        <>
          <CheckboxGroup legend="911 sync status" options={SYNC_STATUSES} optionLabel={label} checked={state.syncStatuses}
            onChange={(syncStatuses) => setState({ ...state, syncStatuses })} />
          <CheckboxGroup legend="Finding" options={FINDINGS} optionLabel={label} checked={state.findings}
            onChange={(findings) => setState({ ...state, findings })} />
          <SelectField id="did-report-presence" label="Audit" value={state.presence} options={FINDING_PRESENCE}
            optionLabel={(presence) => PRESENCE_LABELS[presence]} emptyLabel="All DIDs" onChange={(presence) => setState({ ...state, presence })} />
        </>
      )}
    />
  );
}
