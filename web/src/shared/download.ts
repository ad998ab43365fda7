import type { CsvFileFragment } from '../generated/graphql.ts';

/**
 * A CSV export as a file. The graph sends the file's text (with its UTF-8
 * byte-order mark, so spreadsheets read accents); a Blob of that string is
 * encoded in UTF-8 as the type says.
 */
export const csvBlob = (csv: CsvFileFragment): Blob => new Blob([csv.content], { type: csv.contentType });

/** Hands a file to the browser's downloads, under `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once the click is handled; the URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
