import type { ReactNode } from 'react';
import type { TypedDocumentNode } from '@apollo/client';
import type { CsvFileFragment } from '../../generated/graphql.ts';
import { ConnectionTable } from '../../shared/ConnectionTable.tsx';
import { ErrorBox } from '../../shared/ErrorBox.tsx';
import { plural } from '../../shared/plural.ts';
import { Section } from '../../shared/Section.tsx';
import { CsvDownloadButton } from './CsvDownloadButton.tsx';
import { DID_COLUMNS } from './did-columns.tsx';
import { useCsvDownload } from './useCsvDownload.ts';
import { useReport, type Paging, type ReportData } from './useReport.ts';

interface ReportPanelProps<V extends Record<string, unknown>> {
  title: string;
  /** What the report answers, in a sentence. */
  description: string;
  query: TypedDocumentNode<ReportData, V & Paging>;
  csvQuery: TypedDocumentNode<{ csv: CsvFileFragment }, V>;
  /** The filter's variables, the same for the table and the file. */
  filter: V;
  /** The filter's controls. */
  filters: ReactNode;
  empty: string;
}

/** A report: its filters, its rows page by page, and the same rows as a CSV file. */
export function ReportPanel<V extends Record<string, unknown>>({ title, description, query, csvQuery, filter, filters, empty }: ReportPanelProps<V>) {
  const { rows, loading, error, retry, loadMore } = useReport(query, filter);
  const csv = useCsvDownload(csvQuery, filter);
  return (
    <Section title={title} summary={rows && plural(rows.totalCount, 'DID')}>
      <p className="hint">{description}</p>
      <div className="toolbar">
        {filters}
        <CsvDownloadButton state={csv.state} download={csv.download} what={title} />
      </div>
      <p className="search-state" aria-live="polite">{loading ? 'Loading…' : ''}</p>
      {error && <ErrorBox error={error} onRetry={retry} />}
      {rows && <ConnectionTable caption={title} columns={DID_COLUMNS} connection={rows} noun="DIDs" load={loadMore} empty={empty} />}
    </Section>
  );
}
