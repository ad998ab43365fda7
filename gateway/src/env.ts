import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEV_GATEWAY_SIGNING_SECRET, busEnvShape, parseEnv, unsetIfEmpty } from '@c360/kit';

/** Development default for people's tokens; deployments set JWT_SECRET. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-please';

const subgraphUrl = (port: number) => z.url().default(`http://127.0.0.1:${port}/graphql`);

/** Development key sealing webhook secrets at rest (32 bytes, base64); deployments set WEBHOOK_SECRETS_KEY. */
export const DEV_WEBHOOK_SECRETS_KEY = Buffer.from('dev-only-webhook-secrets-key-32b').toString('base64');

/** The Standard Webhooks example schedule: the delays before attempts 2, 3... (seconds). */
export const STANDARD_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400];

const secondsList = z.string().regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'a comma-separated list of seconds, e.g. 5,300,1800')
  .transform((value) => value.split(',').map(Number));

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
  /**
   * The gateway's own database role (`c360_gateway` on the `gateway` schema): API keys, webhook endpoints and
   * deliveries. Unset: partners' API keys, subscriptions and webhooks are off (people's tokens still work).
   */
  DATABASE_URL: unsetIfEmpty(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** The database holding the PostgreSQL bus, when it is not DATABASE_URL's. */
  BUS_DATABASE_URL: unsetIfEmpty(z.url().optional()),
  ...busEnvShape,
  /** 32 bytes in base64 sealing webhook signing secrets at rest. */
  WEBHOOK_SECRETS_KEY: unsetIfEmpty(z.base64().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64').default(DEV_WEBHOOK_SECRETS_KEY)),
  /** Delays before each retry, in seconds (a ±10 % jitter is added); after the last, a delivery is dead-lettered. */
  WEBHOOK_RETRY_SCHEDULE: unsetIfEmpty(secondsList.default(STANDARD_RETRY_SCHEDULE)),
  /** An endpoint whose deliveries have all failed for this long is disabled (5 days). */
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(120),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Deliveries sent at the same time by one gateway process. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).default(16),
  /**
   * Private targets webhooks may reach: by default none (loopback, private, link-local and unique-local
   * addresses are refused, against server-side request forgery). `loopback` allows 127.0.0.0/8 and ::1
   * (development, tests); `private` allows every private range too.
   */
  WEBHOOK_ALLOW_TARGETS: unsetIfEmpty(z.enum(['public', 'loopback', 'private']).default('public')),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(gatewayEnvSchema, source);
