import { DomainError, externalSystemError, toGraphQLError, type Caller, type PageArgs } from '@c360/kit';
import type { ApiKey, WebhookDelivery, WebhookEndpoint } from '../entities.ts';
import type { ApiKeys, CreateApiKeyInput, PartnerAccess } from '../partners/api-keys.ts';
import type { CreateEndpointInput, DeliveryArgs, EdgeLoaders, UpdateEndpointInput, WebhookEndpoints } from '../webhooks/endpoints.ts';

/** The gateway's request context, as the edge's resolvers see it. */
export interface EdgeContext {
  caller: Caller;
  partner?: PartnerAccess;
  /** Built on first use, shared by the request's fetches to the edge. */
  edgeLoaders?: EdgeLoaders;
}

/** The edge's services; absent when the gateway runs without its database. */
export interface EdgeServices {
  apiKeys: ApiKeys;
  endpoints: WebhookEndpoints;
}

type Resolver = (parent: never, args: never, ctx: EdgeContext) => unknown;

/**
 * Resolvers of gateway/edge.graphql: one line each, calling the services.
 * Domain errors become GraphQL errors with their code here, since the edge
 * has no HTTP layer of its own to format them.
 */
export function edgeResolvers(services: EdgeServices | null) {
  const use = (ctx: EdgeContext) => {
    if (!services) throw externalSystemError('GATEWAY_DATABASE', 'NOT_CONFIGURED', 'API keys and webhooks need the gateway database (DATABASE_URL of the gateway)');
    return { ...services, who: { caller: ctx.caller, ...(ctx.partner ? { partner: ctx.partner } : {}) }, loaders: (ctx.edgeLoaders ??= services.endpoints.loaders(ctx.caller.tenantId)) };
  };
  return withDomainErrors({
    Query: {
      apiKeys: (_root: unknown, args: PageArgs, ctx: EdgeContext) => use(ctx).apiKeys.list(ctx.caller, args),
      webhookEndpoints: (_root: unknown, args: PageArgs, ctx: EdgeContext) => use(ctx).endpoints.list(use(ctx).who, args),
      webhookEndpoint: (_root: unknown, args: { id: string }, ctx: EdgeContext) => use(ctx).endpoints.get(use(ctx).who, args.id),
      webhookDeadLetters: (_root: unknown, args: PageArgs, ctx: EdgeContext) => use(ctx).endpoints.deadLetters(use(ctx).who, args),
    },
    Mutation: {
      createApiKey: (_root: unknown, args: { input: CreateApiKeyInput }, ctx: EdgeContext) => use(ctx).apiKeys.create(ctx.caller, args.input),
      revokeApiKey: (_root: unknown, args: { input: { id: string } }, ctx: EdgeContext) => use(ctx).apiKeys.revoke(ctx.caller, args.input.id),
      createWebhookEndpoint: (_root: unknown, args: { input: CreateEndpointInput }, ctx: EdgeContext) => use(ctx).endpoints.create(use(ctx).who, args.input),
      updateWebhookEndpoint: (_root: unknown, args: { input: UpdateEndpointInput }, ctx: EdgeContext) => use(ctx).endpoints.update(use(ctx).who, args.input),
      replayWebhookDeliveries: (_root: unknown, args: { input: { ids: string[] } }, ctx: EdgeContext) => use(ctx).endpoints.replay(use(ctx).who, args.input.ids),
    },
    ApiKey: {
      active: (key: ApiKey) => !key.revokedAt && key.expiresAt > new Date(),
    },
    WebhookEndpoint: {
      deliveries: (endpoint: WebhookEndpoint, args: DeliveryArgs, ctx: EdgeContext) =>
        use(ctx).loaders.deliveryPages.load({ key: endpoint.id, args: use(ctx).endpoints.deliveryArgs(args) }),
    },
    WebhookDelivery: {
      messageId: (delivery: WebhookDelivery) => `msg_${delivery.eventId}`,
      attemptCount: (delivery: WebhookDelivery) => delivery.attempts,
      // Parked deliveries (endpoint disabled) have no next attempt.
      nextAttemptAt: (delivery: WebhookDelivery) => (delivery.status === 'PENDING' ? delivery.nextAttemptAt ?? null : null),
      attempts: (delivery: WebhookDelivery, _args: unknown, ctx: EdgeContext) => use(ctx).loaders.attempts.load(delivery.id),
      endpoint: (delivery: WebhookDelivery, _args: unknown, ctx: EdgeContext) => use(ctx).loaders.endpointById.load(delivery.endpointId),
    },
  });
}

/** Wraps every resolver so that a DomainError reaches the gateway with its code and field. */
function withDomainErrors<M extends Record<string, Record<string, Resolver | ((...args: never[]) => unknown)>>>(map: M): M {
  const wrapped: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(map)) {
    wrapped[type] = Object.fromEntries(Object.entries(fields).map(([name, resolve]) => [name, async (...args: never[]) => {
      try {
        return await (resolve as (...args: never[]) => unknown)(...args);
      } catch (error) {
        throw error instanceof DomainError ? toGraphQLError(error) : error;
      }
    }]));
  }
  return wrapped as M;
}
