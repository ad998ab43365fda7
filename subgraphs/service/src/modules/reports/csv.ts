/** A cell that a spreadsheet would run as a formula if it opened the file as it is. */
const FORMULA = /^[=+\-@\t\r]/;
/** Plain numbers and E.164 phone numbers start with + or - but are not formulas. */
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break. Text that a spreadsheet would evaluate (`=HYPERLINK(...)` typed into
 * a caller-ID name) is prefixed with an apostrophe so it stays text.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: a UTF-8 byte-order mark (so spreadsheets read accents), the header, the rows, CRLF line ends. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
