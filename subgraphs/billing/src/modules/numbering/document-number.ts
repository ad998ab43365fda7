import type { EntityManager } from '@c360/kit';

/**
 * Per-tenant numbers without gaps: the counter row is bumped with
 * `UPDATE ... RETURNING` inside the document's own transaction. Its row lock is
 * held until commit, so concurrent documents take consecutive numbers in commit
 * order, and a rollback (bad input found late, a failed insert) gives the
 * number back. The first document of a tenant creates the row.
 */
async function bump(tx: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [counter] = await tx.execute<{ last_number: string }[]>(sql, params);
  return Number(counter!.last_number);
}

export const formatDocumentNumber = (prefix: string, n: number): string => `${prefix}${String(n).padStart(6, '0')}`;

export const formatInvoiceNumber = (n: number): string => formatDocumentNumber('INV-', n);

/** `formatDocumentNumber` as an SQL expression over an integer expression, for bulk loads that number in SQL. */
export const documentNumberSql = (prefix: string, expression: string): string =>
  `'${prefix.replaceAll("'", "''")}' || lpad((${expression})::text, greatest(6, length((${expression})::text)), '0')`;

export const invoiceNumberSql = (expression: string): string => documentNumberSql('INV-', expression);

/** The tenant's next invoice number, `INV-000123`. */
export async function nextInvoiceNumber(tx: EntityManager, tenantId: string): Promise<string> {
  return formatInvoiceNumber(await bump(tx,
    `INSERT INTO billing.invoice_counter AS c (tenant_id, last_number) VALUES (?, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET last_number = c.last_number + 1
     RETURNING last_number`,
    [tenantId]));
}

export type DocumentKind = 'QUOTE' | 'CONTRACT';

/** The tenant's next quote or contract number with the tenant's prefix, e.g. `DEV-000001`. */
export async function nextDocumentNumber(tx: EntityManager, tenantId: string, kind: DocumentKind, prefix: string): Promise<string> {
  return formatDocumentNumber(prefix, await bump(tx,
    `INSERT INTO billing.document_counter AS c (tenant_id, kind, last_number) VALUES (?, ?, 1)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_number = c.last_number + 1
     RETURNING last_number`,
    [tenantId, kind]));
}

/** Reserves `count` numbers at once (the demo seed); returns the first. */
export async function reserveDocumentNumbers(tx: EntityManager, tenantId: string, kind: DocumentKind, count: number): Promise<number> {
  const last = await bump(tx,
    `INSERT INTO billing.document_counter AS c (tenant_id, kind, last_number) VALUES (?, ?, ?)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_number = c.last_number + excluded.last_number
     RETURNING last_number`,
    [tenantId, kind, count]);
  return last - count + 1;
}
