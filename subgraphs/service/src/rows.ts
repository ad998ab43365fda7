import { conflict, DomainError, ErrorCode, requireUuid, type EntityManager } from '@c360/kit';

/**
 * Locks one of the tenant's rows for the rest of the transaction, so that a
 * version check and the update after it cannot interleave with another
 * writer's. NOT_FOUND naming `field` when the tenant has no such row.
 */
export async function lockRow(tx: EntityManager, table: string, tenantId: string, id: string, field: string, what: string): Promise<Record<string, unknown>> {
  const rows = await tx.execute<Record<string, unknown>[]>(
    `SELECT * FROM service.${table} WHERE tenant_id = ? AND id = ? FOR UPDATE`, [tenantId, requireUuid(id, field)]);
  if (!rows[0]) throw new DomainError(ErrorCode.NotFound, `${what} not found`, field);
  return rows[0];
}

/** A stale version is a conflict the client resolves by reading again, never a silent overwrite. */
export function requireVersion(current: unknown, expected: number, field = 'input.version'): void {
  if (Number(current) !== expected) {
    throw conflict(`Version ${expected} is stale: the record is at version ${Number(current)}; read it again and retry`, field);
  }
}

/**
 * Whether a statement failed on this unique index or exclusion constraint:
 * how concurrent writers of one value learn that the other one won.
 */
export function violated(error: unknown, constraint: string): boolean {
  const { code, constraint: name } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return (code === '23505' || code === '23P01') && name === constraint;
}
