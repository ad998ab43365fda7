import {
  GraphQLError, Kind, OperationTypeNode, defaultFieldResolver, extendSchema, parse, visit,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLFieldResolver, type GraphQLObjectType,
  type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import { DomainError, ErrorCode, badInput, changedFieldsOf, customerIdOf, requireUuid, type BusEvent } from '@c360/kit';
import type { PartnerAccess } from '../partners/api-keys.ts';
import { eventPatternAllowed, eventTypeAllowed, eventTypeScopes } from '../partners/scopes.ts';
import type { EdgeCaller } from '../webhooks/endpoints.ts';
import type { EventFeed } from './feed.ts';

/**
 * The subscription part of the graph. @apollo/gateway cannot execute
 * subscriptions, so they are not composed into the supergraph: this SDL
 * extends the gateway's API schema (so `customer` can select any field of any
 * subgraph) and is served over graphql-ws; each event's `customer` selection
 * runs as an ordinary query through the gateway, as the subscriber.
 */
export const SUBSCRIPTION_SDL = `
"A change to one of the tenant's customers, as partners receive it."
type CustomerChange {
  "The event id (CloudEvents \`id\`): give the last one received as \`after\` to resume without missing anything."
  id: ID!
  "E.g. \`customer.updated\`, \`invoice.created\`, \`ticket.opened\`."
  type: String!
  "When the change happened."
  time: DateTime!
  customerId: ID!
  "The fields the change touched, when its event lists them (\`customer.updated\`, \`contact.updated\`...)."
  changedFields: [String!]!
  """
  The customer as it is now, read through the graph with the subscriber's identity (and its key's field
  scopes); null when it cannot be read (deleted test data, or the part selected failed).
  """
  customer: Customer
}

extend schema {
  subscription: Subscription
}

type Subscription {
  """
  The caller's tenant's customer change events, in the order they happened (per customer, always).
  \`customerId\` keeps one customer's; \`types\` keeps some types (exact, or a family such as \`invoice.*\`);
  \`after\` (an event id) resumes right after that event; \`since\` replays every event from that time on;
  with neither, events from now on are sent.
  """
  customerChanged(customerId: ID, types: [String!], after: String, since: DateTime): CustomerChange!
}
`;

/** A CustomerChange before its `customer` is resolved. */
interface Change {
  id: string;
  type: string;
  time: string;
  customerId: string;
  changedFields: string[];
}

/** What a subscription's resolvers get as context. */
export interface SubscriberContext extends EdgeCaller {
  partner?: PartnerAccess;
}

export interface SubscriptionDeps {
  feed: EventFeed;
  /** Whether a partner's key still works; its subscriptions end when it does not. */
  keyActive(keyId: string): Promise<boolean>;
  /** Runs a query through the gateway as `who`, as an HTTP request would (but already checked for field scopes). */
  query(document: DocumentNode, variables: Record<string, unknown>, who: EdgeCaller): Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
}

interface CustomerChangedArgs {
  customerId?: string | null;
  types?: string[] | null;
  after?: string | null;
  /** The API schema's DateTime arrives as the client sent it: an ISO-8601 string. */
  since?: string | null;
}

/** Builds the subscription schema on the gateway's API schema, with its resolvers. */
export function buildSubscriptionSchema(apiSchema: GraphQLSchema, deps: SubscriptionDeps): GraphQLSchema {
  const schema = extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));
  const subscription = schema.getSubscriptionType()!.getFields().customerChanged!;
  subscription.subscribe = (_root, args: CustomerChangedArgs, ctx: SubscriberContext) => openChanges(deps, args, ctx);
  subscription.resolve = (payload: Change) => payload;
  const customer = (schema.getType('CustomerChange') as GraphQLObjectType).getFields().customer!;
  customer.resolve = (change: Change, _args, ctx: SubscriberContext, info) => resolveCustomer(deps, change, ctx, info);
  return schema;
}

async function openChanges(deps: SubscriptionDeps, args: CustomerChangedArgs, ctx: SubscriberContext): Promise<AsyncIterableIterator<Change>> {
  const { feed } = deps;
  const customerId = args.customerId == null ? null : requireUuid(args.customerId, 'customerId').toLowerCase();
  const types = args.types == null ? null : eventTypeScopes(args.types, 'types');
  const allowed = ctx.partner?.eventTypes ?? null;
  if (types && allowed) {
    const outside = types.findIndex((type) => !eventPatternAllowed(allowed, type));
    if (outside >= 0) throw badInput(`types[${outside}]`, `"${types[outside]}" is outside this API key's event types`);
  }
  const since = args.since == null ? null : Date.parse(args.since);
  if (since !== null && (Number.isNaN(since) || args.after != null)) {
    throw badInput('since', args.after != null ? 'give `after` or `since`, not both' : `"${args.since}" is not an ISO-8601 date-time`);
  }
  let after: number | null = null;
  if (args.after != null) {
    const found = await feed.bus.positionOf(args.after);
    if (!found || found.tenantId !== ctx.caller.tenantId) throw badInput('after', `"${args.after}" is not the id of an event of your tenant`);
    after = found.position;
  } else if (since !== null) {
    after = await feed.bus.positionBefore(new Date(since));
  }
  const accept = ({ envelope }: BusEvent) => {
    const about = customerIdOf(envelope);
    // History (records loaded with their past, e.g. the demo data) is the timeline's, not a change to tell partners of.
    return !envelope.history && about !== null && (!customerId || about === customerId)
      && (!types || eventTypeAllowed(types, envelope.type)) && (!allowed || eventTypeAllowed(allowed, envelope.type))
      // Replaying from a time may read a few older events that reached the bus late.
      && (since === null || Date.parse(envelope.time) >= since);
  };
  const stream = await feed.open(ctx.caller.tenantId, after, accept);
  const toChange = ({ envelope }: BusEvent): Change => ({
    id: envelope.id, type: envelope.type, time: envelope.time, customerId: customerIdOf(envelope)!, changedFields: changedFieldsOf(envelope),
  });
  // A plain iterator rather than an async generator: unsubscribing must end it at once, even while it waits.
  const changes: AsyncIterableIterator<Change> = {
    next: async () => {
      const result = await stream.next();
      if (result.done) return { done: true, value: undefined };
      if (ctx.partner && !(await deps.keyActive(ctx.partner.keyId))) {
        await stream.return();
        throw new DomainError(ErrorCode.Unauthenticated, 'The API key was revoked or has expired');
      }
      return { done: false, value: toChange(result.value) };
    },
    return: async () => {
      await stream.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return changes;
    },
  };
  return changes;
}

/** Objects that came from a query through the gateway: their keys are response keys (aliases), see `graphFieldResolver`. */
const fromGraph = new WeakSet<object>();

function markFromGraph(value: unknown): void {
  if (Array.isArray(value)) value.forEach(markFromGraph);
  else if (value && typeof value === 'object') {
    fromGraph.add(value);
    Object.values(value).forEach(markFromGraph);
  }
}

/**
 * Field resolver of the subscription schema: values under `customer` are read
 * by response key (a query result is keyed by alias), everything else as usual.
 */
export const graphFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, ctx, info) =>
  source && typeof source === 'object' && fromGraph.has(source)
    ? (source as Record<string, unknown>)[String(info.path.key)]
    : defaultFieldResolver(source, args, ctx, info);

async function resolveCustomer(deps: SubscriptionDeps, change: Change, ctx: SubscriberContext, info: GraphQLResolveInfo): Promise<unknown> {
  const { document, variableNames } = customerQuery(info);
  const variables: Record<string, unknown> = { [CUSTOMER_ID_VARIABLE]: change.customerId };
  for (const name of variableNames) variables[name] = info.variableValues[name];
  const result = await deps.query(document, variables, ctx);
  const customer = result.data?.customer ?? null;
  if (customer === null && result.errors?.length) {
    const [first] = result.errors;
    throw new GraphQLError(first!.message, { extensions: first!.extensions ?? {} });
  }
  markFromGraph(customer);
  return customer;
}

const CUSTOMER_ID_VARIABLE = 'customerChangeCustomerId';
const queries = new WeakMap<FieldNode, { document: DocumentNode; variableNames: string[] }>();

/**
 * `query($customerChangeCustomerId: ID!) { customer(id: ...) { <the subscription's selection> } }`,
 * with the fragments and variables that selection uses and `__typename` in
 * every selection set (abstract types are then resolved from the result).
 * Built once per subscription.
 */
function customerQuery(info: GraphQLResolveInfo): { document: DocumentNode; variableNames: string[] } {
  const cached = queries.get(info.fieldNodes[0]!);
  if (cached) return cached;
  const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const variableNames = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]) => visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (fragments.has(name) || !info.fragments[name]) return;
      fragments.set(name, info.fragments[name]);
      collect(info.fragments[name]);
    },
    Variable(variable) {
      variableNames.add(variable.name.value);
    },
  });
  for (const selection of selections) collect(selection);
  const withTypename = <N extends Parameters<typeof visit>[0]>(node: N): N => visit(node, {
    SelectionSet: {
      leave(set: SelectionSetNode) {
        if (set.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias)) return undefined;
        return { ...set, selections: [...set.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
      },
    },
  }) as N;
  const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: { kind: Kind.NAME, value: 'CustomerChangeCustomer' },
        variableDefinitions: [
          ...(info.operation.variableDefinitions ?? []).filter((definition) => variableNames.has(definition.variable.name.value)),
          { kind: Kind.VARIABLE_DEFINITION, variable: variable(CUSTOMER_ID_VARIABLE), type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } } },
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [{
            kind: Kind.FIELD,
            name: { kind: Kind.NAME, value: 'customer' },
            arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: variable(CUSTOMER_ID_VARIABLE) }],
            selectionSet: withTypename({ kind: Kind.SELECTION_SET, selections }),
          }],
        },
      },
      ...[...fragments.values()].map((fragment) => withTypename(fragment)),
    ],
  };
  const built = { document, variableNames: [...variableNames] };
  queries.set(info.fieldNodes[0]!, built);
  return built;
}
