import type { Caller, MikroORM } from '@c360/kit';

/** What the owner of an endpoint the gateway disabled sees in `extensions.notices` of their next response. */
export interface EndpointNotice {
  code: 'WEBHOOK_ENDPOINT_DISABLED';
  message: string;
  endpointId: string;
  url: string;
  reason: string;
  disabledAt: string;
}

/**
 * Tells owners that the gateway disabled one of their endpoints, once, on
 * their next query. Each process keeps the short list of owners with such an
 * endpoint, refreshed every `refreshMs` by one indexed query, so a request
 * from anyone else costs a set lookup; an owner on the list claims the
 * notices (an UPDATE that only one request can win).
 */
export class EndpointNotices {
  private readonly orm: MikroORM;
  private readonly refreshMs: number;
  private owners = new Set<string>();
  private refreshedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(orm: MikroORM, refreshMs = 1000) {
    this.orm = orm;
    this.refreshMs = refreshMs;
  }

  /** Loads the list once before the first request. */
  start(): Promise<void> {
    return this.refresh();
  }

  /** The notices for this caller (usually none, without touching the database). */
  async claim(caller: Caller): Promise<EndpointNotice[]> {
    // Refreshed in the background: a request never waits for the list.
    if (Date.now() - this.refreshedAt > this.refreshMs) void this.refresh();
    if (!this.owners.has(ownerKey(caller.tenantId, caller.subject))) return [];
    const rows = await this.orm.em.fork().execute<{ id: string; url: string; disabled_reason: string; disabled_at: Date }[]>(
      `UPDATE gateway.webhook_endpoint SET owner_notified_at = now()
       WHERE tenant_id = ? AND owner = ? AND status = 'DISABLED' AND owner_notified_at IS NULL
       RETURNING id, url, disabled_reason, disabled_at`,
      [caller.tenantId, caller.subject],
    );
    this.owners.delete(ownerKey(caller.tenantId, caller.subject));
    return rows.map((row) => ({
      code: 'WEBHOOK_ENDPOINT_DISABLED',
      message: row.disabled_reason === 'GONE'
        ? `Webhook endpoint ${row.url} answered 410 Gone and was disabled; enable it again with updateWebhookEndpoint`
        : `Webhook endpoint ${row.url} failed every delivery for days and was disabled; enable it again with updateWebhookEndpoint`,
      endpointId: row.id,
      url: row.url,
      reason: row.disabled_reason,
      disabledAt: new Date(row.disabled_at).toISOString(),
    }));
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.orm.em.fork().execute<{ tenant_id: string; owner: string }[]>(
      `SELECT DISTINCT tenant_id, owner FROM gateway.webhook_endpoint WHERE status = 'DISABLED' AND owner_notified_at IS NULL`,
    ).then((rows) => {
      this.owners = new Set(rows.map((row) => ownerKey(row.tenant_id, row.owner)));
      this.refreshedAt = Date.now();
    }).catch((error: Error) => console.error('[webhook notices]', error.message))
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}

const ownerKey = (tenantId: string, owner: string) => `${tenantId}\n${owner}`;
