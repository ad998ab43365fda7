import { uuidArray, type Amount, type DemoCustomer, type EntityManager } from '@c360/kit';
import { reserveDocumentNumbers, type DocumentKind } from '../modules/numbering/document-number.ts';
import type { InvoiceStatus } from '../modules/invoice/invoice.entity.ts';

/** "Now" of the demo data, fixed so that every run produces the same rows. */
export const REFERENCE_TIME = Date.parse('2026-11-01T00:00:00Z');
export const REFERENCE_DATE = '2026-11-01';
export const DAY = 86_400_000;
/** Rows per multi-row INSERT, to keep each JSON parameter small. */
const CHUNK = 5_000;

/** What the documents and collections seeds need to know of a customer's invoices. */
export interface DemoAccount {
  customer: DemoCustomer;
  /** The plan billed on every invoice (their first line), or null without invoices. */
  plan: string | null;
  invoices: { id: string; status: InvoiceStatus; dueDate: string; outstanding: Amount }[];
  firstInvoiceAt: Date | null;
  lastInvoiceAt: Date | null;
}

/** A row as a raw statement returns it. */
export type Row = Record<string, unknown>;

/**
 * Runs a `jsonb_to_recordset` INSERT in chunks; the JSON parameter comes after
 * `params`. Returns what its `RETURNING` clause returns (the rows it inserted), if it has one.
 */
export async function insertRows(tx: EntityManager, rows: object[], sql: string, params: unknown[]): Promise<Row[]> {
  const inserted: Row[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const result: unknown = await tx.execute(sql, [...params, JSON.stringify(rows.slice(start, start + CHUNK))]);
    if (Array.isArray(result)) inserted.push(...(result as Row[]));
  }
  return inserted;
}

/**
 * Numbers for the documents of `rows` not seeded yet, in the order given, after
 * the tenant's last number of that kind. The counter row is locked before the
 * check, so a concurrent seed or live document waits and numbering stays gap-free.
 */
export async function numberFresh<T extends { id: string }>(tx: EntityManager, tenantId: string, table: 'quote' | 'contract', kind: DocumentKind, rows: T[]): Promise<(T & { n: number })[]> {
  await tx.execute('INSERT INTO billing.document_counter (tenant_id, kind, last_number) VALUES (?, ?, 0) ON CONFLICT DO NOTHING', [tenantId, kind]);
  await tx.execute('SELECT last_number FROM billing.document_counter WHERE tenant_id = ? AND kind = ? FOR UPDATE', [tenantId, kind]);
  const existing = await tx.execute<{ id: string }[]>(`SELECT id FROM billing.${table} WHERE tenant_id = ? AND id = ANY(?::uuid[])`,
    [tenantId, uuidArray(rows.map((row) => row.id))]);
  const seeded = new Set(existing.map((row) => row.id));
  const fresh = rows.filter((row) => !seeded.has(row.id));
  if (fresh.length === 0) return [];
  const first = await reserveDocumentNumbers(tx, tenantId, kind, fresh.length);
  return fresh.map((row, index) => ({ ...row, n: first + index }));
}

export const isoDay = (time: number): string => new Date(time).toISOString().slice(0, 10);
