import { useState } from 'react';
import type { TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import type { CsvFileFragment } from '../../generated/graphql.ts';
import { csvBlob, saveFile } from '../../shared/download.ts';
import { describeError } from '../../shared/graphql-errors.ts';
import { plural } from '../../shared/plural.ts';

export type DownloadState = { status: 'idle' | 'working' } | { status: 'done' | 'failed'; message: string };

/** Asks the graph for a report as CSV (always afresh: the file is not kept in the cache) and saves it. */
export function useCsvDownload<V extends Record<string, unknown>>(query: TypedDocumentNode<{ csv: CsvFileFragment }, V>, variables: V) {
  const client = useApolloClient();
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const download = async () => {
    setState({ status: 'working' });
    try {
      const { data } = await client.query<{ csv: CsvFileFragment }, V>({ query, variables, fetchPolicy: 'no-cache' });
      if (!data) throw new Error('The graph sent no file.');
      saveFile(csvBlob(data.csv), data.csv.filename);
      setState({ status: 'done', message: `Downloaded ${data.csv.filename} (${plural(data.csv.rowCount, 'row')}).` });
    } catch (error) {
      setState({ status: 'failed', message: `The file could not be made: ${describeError(error)}` });
    }
  };
  return { state, download };
}
