import { openDatabase, type MigrationEntry, type MikroORM } from '@c360/kit';
import { ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './entities.ts';
import { migrations } from './migrations/index.ts';

/** The schema the gateway owns, through its own role `c360_gateway` (provisioned like a subgraph's). */
export const GATEWAY_SCHEMA = 'gateway';

/** What `npm run migrate`, `npm start` and the tests need to prepare the gateway's tables. */
export const gatewayDatabase: { schema: string; entities: unknown[]; migrations: MigrationEntry[] } = {
  schema: GATEWAY_SCHEMA,
  entities: [ApiKey, WebhookEndpoint, WebhookDelivery, WebhookAttempt],
  migrations,
};

export function openGatewayDatabase(url: string, poolSize = 10): Promise<MikroORM> {
  return openDatabase({ schema: GATEWAY_SCHEMA, url, entities: gatewayDatabase.entities as never, migrations, poolSize });
}
