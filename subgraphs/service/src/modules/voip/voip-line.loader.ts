import { groupedLoader, isUuid, keyedLoader, uuidArray, type EntityManager } from '@c360/kit';
import { byTime, childPageLoader, type ChildPageLoader } from '../../pages.ts';
import { E911Record } from '../e911/e911-record.entity.ts';
import { VoipLine } from './voip-line.entity.ts';

/** A read (or refused attempt) of a line's secret, as audited. */
export interface SecretReadView {
  id: string;
  secret: string;
  subject: string;
  roles: string[];
  granted: boolean;
  readAt: Date;
}

/** One exchange with the 911 provider, as recorded. */
export interface SyncAttemptView {
  id: string;
  kind: string;
  outcome: string;
  recordVersion: number;
  httpStatus: number | null;
  detail: string | null;
  attemptedAt: Date;
}

export interface VoipLoaders {
  voipLineById: ReturnType<typeof keyedLoader<string, VoipLine>>;
  /** The ACTIVE line on each DID (E.164), or null. */
  activeLineByDid: ReturnType<typeof keyedLoader<string, VoipLine>>;
  /** Each location's lines, oldest first. */
  voipLinesByLocation: ReturnType<typeof groupedLoader<string, VoipLine>>;
  /** Each customer's lines, oldest first. */
  voipLinesByCustomer: ReturnType<typeof groupedLoader<string, VoipLine>>;
  /** The 911 record of each DID (E.164), or null. */
  e911ByDid: ReturnType<typeof keyedLoader<string, E911Record>>;
  secretReadsByLine: ChildPageLoader<SecretReadView>;
  syncAttemptsByRecord: ChildPageLoader<SyncAttemptView>;
}

export function createVoipLoaders(em: EntityManager, tenantId: string): VoipLoaders {
  const voipLineById = keyedLoader((ids) => em.find(VoipLine, { id: { $in: ids.filter(isUuid) } }), (line: VoipLine) => line.id);
  const linesBy = (column: 'location_id' | 'customer_id', parentOf: (line: VoipLine) => string) => groupedLoader(
    async (parentIds: readonly string[]) => {
      const rows = await em.execute<Record<string, unknown>[]>(
        `SELECT * FROM service.voip_line WHERE tenant_id = ? AND ${column} = ANY(?::uuid[]) ORDER BY created_at, id`,
        [tenantId, uuidArray(parentIds)],
      );
      const lines = rows.map((row) => em.map(VoipLine, row));
      for (const line of lines) voipLineById.prime(line.id, line);
      return lines;
    },
    parentOf,
  );
  return {
    voipLineById,
    activeLineByDid: keyedLoader((dids) => em.find(VoipLine, { did: { $in: [...dids] }, status: 'ACTIVE' }), (line) => line.did),
    voipLinesByLocation: linesBy('location_id', (line) => line.locationId),
    voipLinesByCustomer: linesBy('customer_id', (line) => line.customerId),
    e911ByDid: keyedLoader((dids) => em.find(E911Record, { did: { $in: [...dids] } }), (record) => record.did),
    secretReadsByLine: childPageLoader(
      em, tenantId,
      { table: 'service.secret_read', parentColumn: 'line_id', sortColumn: 'read_at', sortType: 'timestamptz' },
      (row) => ({
        id: String(row.id), secret: String(row.secret), subject: String(row.subject), roles: row.roles as string[],
        granted: Boolean(row.granted), readAt: new Date(row.read_at as string),
      }),
      (read) => byTime(read.readAt, read.id),
    ),
    syncAttemptsByRecord: childPageLoader(
      em, tenantId,
      { table: 'service.e911_sync_attempt', parentColumn: 'record_id', sortColumn: 'attempted_at', sortType: 'timestamptz' },
      (row) => ({
        id: String(row.id), kind: String(row.kind), outcome: String(row.outcome), recordVersion: Number(row.record_version),
        httpStatus: row.http_status === null ? null : Number(row.http_status), detail: (row.detail as string | null) ?? null,
        attemptedAt: new Date(row.attempted_at as string),
      }),
      (attempt) => byTime(attempt.attemptedAt, attempt.id),
    ),
  };
}
