/**
 * The peer: @graphql-hive/gateway run by its own CLI on the same supergraph
 * and subgraphs as ours. This plugin gives it our edge's work and nothing
 * more: verify the person's JWT once per request (`authenticate`, as our
 * gateway's context does) and send the caller signed by `signCaller` as
 * `x-c360-caller` with every subgraph request, as our data source does.
 * Without it the subgraphs would refuse every request.
 */
import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError } from 'graphql';
import { authenticate } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { CALLER_HEADER, DEV_GATEWAY_SIGNING_SECRET, signCaller, type Caller } from '@c360/kit';

const jwtSecret = process.env.JWT_SECRET ?? DEV_JWT_SECRET;
const signingSecret = process.env.GATEWAY_SIGNING_SECRET ?? DEV_GATEWAY_SIGNING_SECRET;

function useSignedCaller(): GatewayPlugin<{ caller: Caller }> {
  return {
    async onContextBuilding({ context, extendContext }) {
      try {
        extendContext({ caller: await authenticate(context.request.headers.get('authorization') ?? undefined, jwtSecret) });
      } catch (error) {
        throw new GraphQLError((error as Error).message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
    async onFetch({ context, options, setOptions }) {
      if (!('caller' in context) || !context.caller) return;
      setOptions({ ...options, headers: { ...options.headers, [CALLER_HEADER]: await signCaller(context.caller, signingSecret) } });
    },
  };
}

export const gatewayConfig = defineConfig({
  plugins: () => [useSignedCaller()],
  logging: 'warn',
  landingPage: false,
  graphiql: false,
});
