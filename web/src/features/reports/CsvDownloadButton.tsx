import type { DownloadState } from './useCsvDownload.ts';

/** "Download CSV", and what became of the last download, read out when it changes. */
export function CsvDownloadButton({ state, download, what }: { state: DownloadState; download: () => Promise<void>; what: string }) {
  return (
    <div className="csv-download">
      <button type="button" onClick={() => void download()} disabled={state.status === 'working'}>
        {state.status === 'working' ? 'Preparing the file…' : `Download ${what} as CSV`}
      </button>
      <span aria-live="polite" className={state.status === 'failed' ? 'error-text' : 'hint'}>
        {'message' in state ? state.message : ''}
      </span>
    </div>
  );
}
