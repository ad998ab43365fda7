import { describe, expect, it } from 'vitest';
import { auditFindings, didReportFilter, NO_DID_FILTER } from './report-filters.ts';

describe('report filters', () => {
  it('send nothing when nothing is chosen', () => {
    expect(didReportFilter(NO_DID_FILTER)).toBeNull();
    expect(auditFindings([])).toBeNull();
  });

  it('send what is chosen, combined', () => {
    expect(didReportFilter({ syncStatuses: ['MISMATCH', 'MISSING'], findings: [], presence: 'WITHOUT' }))
      .toEqual({ syncStatuses: ['MISMATCH', 'MISSING'], hasFinding: false });
    expect(didReportFilter({ ...NO_DID_FILTER, findings: ['NO_ACTIVE_LINE'], presence: 'WITH' })).toEqual({ findings: ['NO_ACTIVE_LINE'], hasFinding: true });
    expect(auditFindings(['ADDRESS_MISMATCH'])).toEqual(['ADDRESS_MISMATCH']);
  });
});
