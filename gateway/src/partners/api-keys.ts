import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError, ErrorCode, ExpiringCache, badInput, forkForTenant, newId, pageRequest, requireUuid, toConnection,
  type Caller, type Connection, type MikroORM, type PageArgs,
} from '@c360/kit';
import { ApiKey } from '../entities.ts';
import { eventTypeScopes, fieldScopes } from './scopes.ts';

/** What a key may do, carried in the request context beside its caller. */
export interface PartnerAccess {
  keyId: string;
  eventTypes: string[];
  fields: string[];
}

export interface CreateApiKeyInput {
  name: string;
  eventTypes: string[];
  fields: string[];
  expiresAt?: Date | null;
}

export const API_KEY_PREFIX = 'c360_';
const DEFAULT_LIFETIME_DAYS = 90;
const MAX_LIFETIME_DAYS = 2 * 366;
/** A revoked key keeps working at most this long in a worker that had just verified it. */
const VERIFIED_KEY_SECONDS = 5;
/** `lastUsedAt` is written at most this often per key. */
const LAST_USED_WRITE_SECONDS = 60;

const DAY_MS = 86_400_000;
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Partners' API keys: `c360_` + 256 random bits (base64url), shown once at
 * creation. Only the SHA-256 is stored (the key is random, so a slow hash
 * would add nothing); a key acts in its tenant as `apikey:<id>`, read-only
 * (`viewer`), within its field and event type scopes.
 */
export class ApiKeys {
  private readonly orm: MikroORM;
  private readonly verified = new ExpiringCache<{ caller: Caller; access: PartnerAccess; lastUsedAt: number } | null>(10_000);
  private readonly active = new ExpiringCache<boolean>(10_000);

  constructor(orm: MikroORM) {
    this.orm = orm;
  }

  async create(caller: Caller, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; key: string }> {
    requireAdmin(caller, 'create API keys');
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw badInput('input.name', 'must be 1 to 100 characters');
    const eventTypes = eventTypeScopes(input.eventTypes, 'input.eventTypes');
    const fields = fieldScopes(input.fields, 'input.fields');
    const now = Date.now();
    const expiresAt = input.expiresAt ?? new Date(now + DEFAULT_LIFETIME_DAYS * DAY_MS);
    if (expiresAt.getTime() <= now) throw badInput('input.expiresAt', 'must be in the future');
    if (expiresAt.getTime() > now + MAX_LIFETIME_DAYS * DAY_MS) throw badInput('input.expiresAt', 'must be at most two years ahead');
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const em = forkForTenant(this.orm, caller.tenantId);
    const apiKey = em.create(ApiKey, {
      id: newId(), tenantId: caller.tenantId, name, prefix: key.slice(0, API_KEY_PREFIX.length + 6), keyHash: hashOf(key),
      eventTypes, fields, createdBy: caller.subject, createdAt: new Date(now), expiresAt,
    });
    await em.flush();
    return { apiKey, key };
  }

  async list(caller: Caller, args: PageArgs): Promise<Connection<ApiKey>> {
    requireAdmin(caller, 'list API keys');
    const request = pageRequest(args);
    const em = forkForTenant(this.orm, caller.tenantId);
    const after = request.after;
    const [rows, total] = await Promise.all([
      em.find(ApiKey, after ? { $or: [{ createdAt: { $lt: new Date(after.sort) } }, { createdAt: new Date(after.sort), id: { $lt: after.id } }] } : {},
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: request.first + 1 }),
      em.count(ApiKey, {}),
    ]);
    return toConnection(rows, request, total, (key) => ({ sort: key.createdAt.toISOString(), id: key.id }));
  }

  async revoke(caller: Caller, id: string): Promise<{ apiKey: ApiKey }> {
    requireAdmin(caller, 'revoke API keys');
    const em = forkForTenant(this.orm, caller.tenantId);
    const apiKey = await em.findOne(ApiKey, { id: requireUuid(id, 'input.id').toLowerCase() });
    if (!apiKey) throw new DomainError(ErrorCode.NotFound, `API key ${id} not found`, 'input.id');
    if (!apiKey.revokedAt) {
      em.assign(apiKey, { revokedAt: new Date(), revokedBy: caller.subject });
      await em.flush();
    }
    this.verified.clear();
    this.active.delete(apiKey.id);
    return { apiKey };
  }

  /** The caller a key stands for; UNAUTHENTICATED when it is unknown, revoked or expired. */
  async authenticate(key: string): Promise<{ caller: Caller; access: PartnerAccess }> {
    const hash = hashOf(key);
    let entry = this.verified.get(hash);
    if (entry === undefined) {
      const [row] = await this.orm.em.fork().execute<{ id: string; tenant_id: string; event_types: string[]; fields: string[]; expires_at: string; last_used_at: string | null }[]>(
        `SELECT id, tenant_id, event_types, fields, expires_at, last_used_at FROM gateway.api_key
         WHERE key_hash = ? AND revoked_at IS NULL AND expires_at > now()`, [hash]);
      entry = row ? {
        caller: { tenantId: row.tenant_id, subject: `apikey:${row.id}`, roles: ['viewer'], scopes: ['partner'] },
        access: { keyId: row.id, eventTypes: row.event_types, fields: row.fields },
        lastUsedAt: row.last_used_at ? Date.parse(row.last_used_at) : 0,
      } : null;
      const expiresAt = Math.min(Date.now() + VERIFIED_KEY_SECONDS * 1000, row ? Date.parse(row.expires_at) : Infinity);
      this.verified.set(hash, entry, expiresAt);
    }
    if (!entry) throw new DomainError(ErrorCode.Unauthenticated, 'The API key is unknown, revoked or expired');
    if (Date.now() - entry.lastUsedAt > LAST_USED_WRITE_SECONDS * 1000) {
      entry.lastUsedAt = Date.now();
      void this.orm.em.fork().execute('UPDATE gateway.api_key SET last_used_at = now() WHERE id = ?', [entry.access.keyId])
        .catch((error: Error) => console.error('[api keys]', error.message));
    }
    return entry;
  }

  /** Whether a key is still usable: a subscription opened with it ends once it is not (checked at most every 5 s). */
  async isActive(keyId: string): Promise<boolean> {
    const cached = this.active.get(keyId);
    if (cached !== undefined) return cached;
    const rows = await this.orm.em.fork().execute('SELECT 1 FROM gateway.api_key WHERE id = ? AND revoked_at IS NULL AND expires_at > now()', [keyId]);
    this.active.set(keyId, rows.length > 0, Date.now() + VERIFIED_KEY_SECONDS * 1000);
    return rows.length > 0;
  }
}

export function requireAdmin(caller: Caller, action: string): void {
  if (!caller.roles.includes('admin')) throw new DomainError(ErrorCode.Forbidden, `Only admin may ${action}`);
}
