/**
 * `npm start`: the whole system on one machine. Without DATABASE_URL an embedded
 * PostgreSQL runs from `.data/postgres` (kept between runs); with it, that
 * server is used. Migrations and demo data, then four subgraphs, the
 * gateway and the ops app's dev server as separate processes. Ctrl-C stops
 * everything.
 */
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { openLocalDatabase } from './local-database.ts';
import { prepareDatabase, startSystem } from './system.ts';

const colours: Record<string, string> = { customers: '36', billing: '33', service: '35', support: '32', gateway: '34', web: '94', postgres: '90' };
const print = (name: string, line: string) => console.log(`\x1b[${colours[name] ?? '0'}m[${name}]\x1b[0m ${line}`);

const database = await openLocalDatabase((line) => print('postgres', line));
const { adminUrl } = database;

await prepareDatabase(adminUrl, { demo: process.env.DEMO_DATA !== 'false', log: (line) => print('postgres', line) });
// A developer's machine: the ops app's dev server, and its development sign-in on the gateway.
const system = await startSystem({ adminUrl, output: print, devTokens: true, opsApp: { port: Number(process.env.WEB_PORT ?? 5173) } });

const token = await issueToken({ tenant: 'demo', subject: 'demo-admin', roles: ['admin'], secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET });
console.log(`
Customer 360 is running.
  Ops app: ${system.opsAppUrl}   (sign in with a demo tenant and a role)
  Gateway (GraphQL, query page): ${system.gatewayUrl}
${Object.entries(system.subgraphUrls).map(([name, url]) => `  ${name.padEnd(9)} subgraph:       ${url}`).join('\n')}
  PostgreSQL:                    ${adminUrl.replace(/:[^:@/]*@/, ':***@')}

Demo admin token (tenant "demo", 12 h; more with: npm run -s token -- --tenant demo --role admin):
${token}

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping...');
  await system.stop();
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
