import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEV_GATEWAY_SIGNING_SECRET, parseEnv } from '@c360/kit';

/** Development default for people's tokens; deployments set JWT_SECRET. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-please';

const subgraphUrl = (port: number) => z.url().default(`http://127.0.0.1:${port}/graphql`);

export const gatewayEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).default(4000),
  HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  GATEWAY_SIGNING_SECRET: z.string().min(16).default(DEV_GATEWAY_SIGNING_SECRET),
  GATEWAY_WORKERS: z.coerce.number().int().min(1).default(availableParallelism()),
  SUPERGRAPH_PATH: z.string().optional(),
  CUSTOMERS_URL: subgraphUrl(4001),
  BILLING_URL: subgraphUrl(4002),
  SERVICE_URL: subgraphUrl(4003),
  SUPPORT_URL: subgraphUrl(4004),
  /** Development sign-in (`POST /auth/dev-token`): anyone who reaches it gets any token. Only `npm start` sets it. */
  DEV_TOKENS: z.stringbool().default(false),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(gatewayEnvSchema, source);
