import {
  DomainError, ErrorCode, SecretBox, badInput, childPages, conflict, forkForTenant, groupedByArgsLoader, groupedLoader, keyedLoader, newId, pageRequest,
  requireUuid, toConnection, uuidArray, emptyConnection, type Caller, type ChildPageRow, type Connection, type MikroORM, type PageArgs, type PageRequest,
} from '@c360/kit';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, type WebhookDeliveryStatus, type WebhookEndpointStatus } from '../entities.ts';
import { requireAdmin, type PartnerAccess } from '../partners/api-keys.ts';
import { eventPatternAllowed, eventTypeScopes } from '../partners/scopes.ts';
import { newWebhookSecret } from './signing.ts';
import { checkTargetUrl, type TargetPolicy } from './targets.ts';

/** Who asks: the verified caller, and the key's scopes when it is a partner's key. */
export interface EdgeCaller {
  caller: Caller;
  partner?: PartnerAccess;
}

export interface CreateEndpointInput {
  url: string;
  eventTypes: string[];
  description?: string | null;
}

export interface UpdateEndpointInput {
  id: string;
  version: number;
  url?: string | null;
  eventTypes?: string[] | null;
  description?: string | null;
  status?: WebhookEndpointStatus | null;
}

export interface DeliveryArgs extends PageArgs {
  status?: WebhookDeliveryStatus | null;
}

const MAX_REPLAY = 100;
/** Channel the dispatchers listen on (also notified by the delivery table's insert trigger). */
export const DELIVERIES_CHANNEL = 'c360_webhook_deliveries';

/** The sealed secret is bound to its row: copied to another endpoint, it does not open. */
export const secretContext = (endpoint: { tenantId: string; id: string }) => `gateway.webhook_endpoint:${endpoint.tenantId}:${endpoint.id}`;

/**
 * Webhook endpoints and their delivery log. An admin manages the tenant's
 * endpoints; anyone else (a partner's key allowed to register) only those it
 * registered, for event types within its key's.
 */
export class WebhookEndpoints {
  private readonly orm: MikroORM;
  private readonly secrets: SecretBox;
  private readonly policy: TargetPolicy;

  constructor(options: { orm: MikroORM; secrets: SecretBox; policy: TargetPolicy }) {
    this.orm = options.orm;
    this.secrets = options.secrets;
    this.policy = options.policy;
  }

  async create(who: EdgeCaller, input: CreateEndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    if (!who.partner) requireAdmin(who.caller, 'register webhook endpoints');
    const eventTypes = this.eventTypes(who, input.eventTypes);
    const description = text(input.description, 'input.description');
    const url = await checkTargetUrl(input.url, this.policy, 'input.url');
    const secret = newWebhookSecret();
    const em = forkForTenant(this.orm, who.caller.tenantId);
    const now = new Date();
    const id = newId();
    const endpoint = em.create(WebhookEndpoint, {
      id, tenantId: who.caller.tenantId, owner: who.caller.subject, url, description, eventTypes,
      secretSealed: this.secrets.seal(secret, secretContext({ tenantId: who.caller.tenantId, id })), status: 'ENABLED',
      createdAt: now, updatedAt: now, version: 1,
    });
    await em.flush();
    return { endpoint, secret };
  }

  async list(who: EdgeCaller, args: PageArgs): Promise<Connection<WebhookEndpoint>> {
    const request = pageRequest(args);
    const em = forkForTenant(this.orm, who.caller.tenantId);
    const mine = isAdmin(who) ? {} : { owner: who.caller.subject };
    const after = request.after;
    const [rows, total] = await Promise.all([
      em.find(WebhookEndpoint, after
        ? { ...mine, $or: [{ createdAt: { $lt: new Date(after.sort) } }, { createdAt: new Date(after.sort), id: { $lt: after.id } }] }
        : mine, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: request.first + 1 }),
      em.count(WebhookEndpoint, mine),
    ]);
    return toConnection(rows, request, total, (endpoint) => ({ sort: endpoint.createdAt.toISOString(), id: endpoint.id }));
  }

  /** An endpoint the caller may see, or null. */
  async get(who: EdgeCaller, id: string, field = 'id'): Promise<WebhookEndpoint | null> {
    const endpoint = await forkForTenant(this.orm, who.caller.tenantId).findOne(WebhookEndpoint, { id: requireUuid(id, field).toLowerCase() });
    return endpoint && (isAdmin(who) || endpoint.owner === who.caller.subject) ? endpoint : null;
  }

  async update(who: EdgeCaller, input: UpdateEndpointInput): Promise<{ endpoint: WebhookEndpoint }> {
    const current = await this.get(who, input.id, 'input.id');
    if (!current) throw new DomainError(ErrorCode.NotFound, `Webhook endpoint ${input.id} not found`, 'input.id');
    const url = input.url != null ? await checkTargetUrl(input.url, this.policy, 'input.url') : current.url;
    const eventTypes = input.eventTypes != null ? this.eventTypes(who, input.eventTypes) : current.eventTypes;
    const description = input.description !== undefined ? text(input.description, 'input.description') : current.description ?? null;
    const status = input.status ?? current.status;
    // Enabling clears the failure state; disabling by hand needs no notice to the one who did it.
    const transition = status === current.status ? ''
      : status === 'ENABLED'
        ? ', disabled_reason = NULL, disabled_at = NULL, owner_notified_at = NULL, failing_since = NULL, throttled_until = NULL'
        : ", disabled_reason = 'BY_USER', disabled_at = now(), owner_notified_at = now()";
    return this.orm.em.fork().transactional(async (tx) => {
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `UPDATE gateway.webhook_endpoint SET url = ?, event_types = ?::text[], description = ?, status = ?${transition},
           updated_at = now(), version = version + 1
         WHERE tenant_id = ? AND id = ? AND version = ? RETURNING *`,
        [url, arrayLiteral(eventTypes), description, status, current.tenantId, current.id, input.version],
      );
      if (!row) throw conflict(`Webhook endpoint ${current.id} was changed by someone else (version ${current.version}, yours ${input.version}); reload and retry`, 'input.version');
      if (status !== current.status) await setQueue(tx, current.id, status === 'ENABLED' ? 'resume' : 'park');
      return { endpoint: tx.map(WebhookEndpoint, row) };
    });
  }

  /** Dead-lettered deliveries of the tenant, newest first (admin). */
  async deadLetters(who: EdgeCaller, args: PageArgs): Promise<Connection<WebhookDelivery>> {
    requireAdmin(who.caller, 'read the dead-letter list');
    const request = pageRequest(args);
    const em = forkForTenant(this.orm, who.caller.tenantId);
    const after = request.after;
    const where = { status: 'FAILED' as const };
    const [rows, total] = await Promise.all([
      em.find(WebhookDelivery, after
        ? { ...where, $or: [{ failedAt: { $lt: new Date(after.sort) } }, { failedAt: new Date(after.sort), id: { $lt: after.id } }] }
        : where, { orderBy: { failedAt: 'desc', id: 'desc' }, limit: request.first + 1 }),
      em.count(WebhookDelivery, where),
    ]);
    return toConnection(rows, request, total, (delivery) => ({ sort: delivery.failedAt!.toISOString(), id: delivery.id }));
  }

  /** Sends dead-lettered deliveries again, from the first step of the schedule (admin). */
  async replay(who: EdgeCaller, ids: string[]): Promise<{ deliveries: WebhookDelivery[] }> {
    requireAdmin(who.caller, 'replay webhook deliveries');
    if (ids.length === 0 || ids.length > MAX_REPLAY) throw badInput('input.ids', `must have 1 to ${MAX_REPLAY} ids`);
    ids.forEach((id, index) => requireUuid(id, `input.ids[${index}]`));
    return this.orm.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<Record<string, unknown>[]>(
        `UPDATE gateway.webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), failed_at = NULL, replays = replays + 1
         WHERE tenant_id = ? AND id = ANY(?::uuid[]) AND status = 'FAILED' RETURNING *`,
        [who.caller.tenantId, uuidArray(ids)],
      );
      const replayed = new Set(rows.map((row) => String(row.id)));
      const missing = ids.findIndex((id) => !replayed.has(id.toLowerCase()));
      if (missing >= 0) throw badInput(`input.ids[${missing}]`, `delivery ${ids[missing]} is not on the dead-letter list`);
      await tx.execute(`SELECT pg_notify('${DELIVERIES_CHANNEL}', '')`);
      return { deliveries: rows.map((row) => tx.map(WebhookDelivery, row)) };
    });
  }

  /** Per-request loaders of the delivery log: one statement for the pages of all endpoints asked with the same arguments. */
  loaders(tenantId: string) {
    const em = this.orm.em.fork();
    return {
      deliveryPages: groupedByArgsLoader<string, { request: PageRequest; status: WebhookDeliveryStatus | null }, Connection<WebhookDelivery>>(
        (endpointIds, { request, status }) => childPages(
          (sql, params) => em.execute<(ChildPageRow & Record<string, unknown>)[]>(sql, params),
          {
            table: 'gateway.webhook_delivery', parentColumn: 'endpoint_id', sortColumn: 'created_at', sortType: 'timestamptz',
            tenantId, parentIds: endpointIds, request, ...(status ? { where: { sql: 't.status = ?', params: [status] } } : {}),
          },
          ({ page_parent_id: _parent, total_count: _count, ...columns }) => em.map(WebhookDelivery, columns),
          (delivery) => ({ sort: delivery.createdAt.toISOString(), id: delivery.id }),
        ),
        () => emptyConnection<WebhookDelivery>(),
      ),
      attempts: groupedLoader<string, WebhookAttempt>(
        async (deliveryIds) => (await em.execute<Record<string, unknown>[]>(
          'SELECT * FROM gateway.webhook_attempt WHERE tenant_id = ? AND delivery_id = ANY(?::uuid[]) ORDER BY delivery_id, attempt',
          [tenantId, uuidArray(deliveryIds)],
        )).map((row) => em.map(WebhookAttempt, row)),
        (attempt) => attempt.deliveryId,
      ),
      endpointById: keyedLoader<string, WebhookEndpoint>(
        async (endpointIds) => (await em.execute<Record<string, unknown>[]>(
          'SELECT * FROM gateway.webhook_endpoint WHERE tenant_id = ? AND id = ANY(?::uuid[])', [tenantId, uuidArray(endpointIds)],
        )).map((row) => em.map(WebhookEndpoint, row)),
        (endpoint) => endpoint.id,
      ),
    };
  }

  deliveryArgs(args: DeliveryArgs) {
    return { request: pageRequest(args), status: args.status ?? null };
  }

  private eventTypes(who: EdgeCaller, values: string[]): string[] {
    const types = eventTypeScopes(values, 'input.eventTypes');
    if (who.partner) {
      const outside = types.findIndex((type) => !eventPatternAllowed(who.partner!.eventTypes, type));
      if (outside >= 0) throw badInput(`input.eventTypes[${outside}]`, `"${types[outside]}" is outside this API key's event types`);
    }
    return types;
  }
}

export type EdgeLoaders = ReturnType<WebhookEndpoints['loaders']>;

const isAdmin = (who: EdgeCaller) => !who.partner && who.caller.roles.includes('admin');

function text(value: string | null | undefined, field: string): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (trimmed.length > 500) throw badInput(field, 'must be at most 500 characters');
  return trimmed;
}

/** A text[] literal for `em.execute` (which would spread a JS array); scopes never hold commas, quotes or braces. */
export const arrayLiteral = (values: readonly string[]) => `{${values.join(',')}}`;

/**
 * A disabled endpoint's pending deliveries are parked (never due) so that the
 * dispatchers' due index holds only what can be sent; enabling resumes them.
 */
export async function setQueue(tx: { execute: MikroORM['em']['execute'] }, endpointId: string, action: 'park' | 'resume'): Promise<void> {
  await tx.execute(
    `UPDATE gateway.webhook_delivery SET next_attempt_at = ${action === 'park' ? 'NULL' : 'now()'} WHERE endpoint_id = ? AND status = 'PENDING'`,
    [endpointId]);
  if (action === 'resume') await tx.execute(`SELECT pg_notify('${DELIVERIES_CHANNEL}', '')`);
}
